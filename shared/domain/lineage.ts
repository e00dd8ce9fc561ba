/** An entry and the ones above it (a unit's parents in the directory, an agency's on the platform), stopping at a cycle. */
export function lineageOf(id: string, parentOf: ReadonlyMap<string, string | undefined>): string[] {
  const out: string[] = [];
  for (let at: string | undefined = id; at !== undefined && !out.includes(at); at = parentOf.get(at)) out.push(at);
  return out;
}
