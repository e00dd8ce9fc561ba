import { readdirSync, readFileSync } from 'node:fs';
import { type FunctionSpec, functions } from '../../infra/wiring';
import path from 'node:path';
import ts from 'typescript';
import { routeKey, routes, type RouteSpec } from '../../shared/http/routes';

/*
 * The 409s each route documents (`conflicts` in shared/http/routes.ts) against the code: every
 * `new DomainError('conflict', …, reason)` a route's handler (functions/api*.ts) can reach, by a call
 * graph read from the sources with the TypeScript parser. Calls are matched by name (`foo()` and
 * `x.foo()` both reach every function named `foo`), which can only over-approximate: a conflict the
 * graph reaches that cannot happen is listed below with the reason it cannot.
 */

const root = path.resolve(__dirname, '../..');

/** Conflicts the graph reaches that the route cannot answer, each with why. */
const UNREACHABLE: Record<string, { code: string; why: string }[]> = {
  'GET /campaigns/{id}/standings': [{ code: 'state.conflict', why: 'computeStandings refuses another ruleVersion only when its caller names one; reports.ts standings() names none' }],
  'GET /campaigns/{id}/exports/{file}': [{ code: 'state.conflict', why: 'through readStandings, as GET /campaigns/{id}/standings: reports.ts standings() names no ruleVersion' }],
};

interface Fn {
  conflicts: Set<string>;
  calls: Set<string>;
  /** A conflict whose reason is not a string literal: the test cannot say which code it is. */
  unknown: string[];
}

const functionsByName = new Map<string, Fn[]>();

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const isFunctionLike = (n: ts.Node | undefined): n is ts.ArrowFunction | ts.FunctionExpression => !!n && (ts.isArrowFunction(n) || ts.isFunctionExpression(n));

/** The name a function node is known by: its own, its variable's, its property's or its method's. */
function nameOf(node: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) return node.name.getText();
  if (isFunctionLike(node)) {
    const parent = node.parent;
    if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && parent.name) return parent.name.getText().replace(/^['"]|['"]$/g, '');
  }
  return undefined;
}

function calledName(call: ts.CallExpression): string | undefined {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

function collect(file: string, record: (name: string, fn: Fn) => void) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node, current: Fn | undefined) => {
    let here = current;
    const name = nameOf(node);
    if (name) {
      here = { conflicts: new Set(), calls: new Set(), unknown: [] };
      record(name, here);
    }
    if (here && ts.isCallExpression(node)) {
      const callee = calledName(node);
      if (callee) here.calls.add(callee);
    }
    if (here && ts.isNewExpression(node) && node.expression.getText() === 'DomainError') {
      const [kind, , , reason] = node.arguments ?? [];
      // The kind is a literal, or a choice between literals (`status === 'issued' ? 'conflict' : 'not-found'`).
      const kinds = kind && ts.isConditionalExpression(kind) ? [kind.whenTrue, kind.whenFalse] : kind ? [kind] : [];
      if (!kinds.every((k) => ts.isStringLiteral(k))) here.unknown.push(`${path.relative(root, file)}: a DomainError of a kind not written out: ${node.getText().slice(0, 80)}`);
      if (kinds.some((k) => ts.isStringLiteral(k) && k.text === 'conflict')) {
        if (reason === undefined) here.conflicts.add('state.conflict');
        else if (ts.isStringLiteral(reason)) here.conflicts.add(reason.text);
        else here.unknown.push(`${path.relative(root, file)}: ${node.getText().slice(0, 80)}`);
      }
    }
    ts.forEachChild(node, (child) => visit(child, here));
  };
  visit(source, undefined);
}

for (const file of files(path.join(root, 'shared'))) {
  collect(file, (name, fn) => functionsByName.set(name, [...(functionsByName.get(name) ?? []), fn]));
}

/** Each route's handler in the API functions (functions/api*.ts): the property of the object given to httpApi, keyed by its route. */
const handlers = new Map<string, Fn>();
for (const entry of (Object.values(functions) as FunctionSpec[]).flatMap((f) => (f.api ? [f.entry] : []))) {
  collect(path.join(root, entry), (name, fn) => {
    if (/^(GET|POST|PUT|DELETE) \//.test(name)) handlers.set(name, fn);
  });
}

function reachable(start: Fn): { conflicts: Set<string>; unknown: string[] } {
  const conflicts = new Set<string>();
  const unknown: string[] = [];
  const seen = new Set<Fn>();
  const queue = [start];
  while (queue.length) {
    const fn = queue.pop() as Fn;
    if (seen.has(fn)) continue;
    seen.add(fn);
    for (const c of fn.conflicts) conflicts.add(c);
    unknown.push(...fn.unknown);
    for (const name of fn.calls) queue.push(...(functionsByName.get(name) ?? []));
  }
  return { conflicts, unknown };
}

describe('the 409s in the API document', () => {
  it('finds a handler for every route, and the known conflicts where they are thrown (the reader works)', () => {
    for (const r of routes as readonly RouteSpec[]) expect({ route: routeKey(r), found: handlers.has(routeKey(r)) }).toEqual({ route: routeKey(r), found: true });
    expect([...reachable(handlers.get('POST /campaigns/{id}/issue') as Fn).conflicts]).toEqual(expect.arrayContaining(['campaign.not_draft', 'campaign.concurrent_change']));
    expect([...reachable(handlers.get('GET /campaigns/{id}') as Fn).conflicts]).toEqual([]);
  });

  it.each((routes as readonly RouteSpec[]).map((r) => [routeKey(r), r] as const))('%s documents exactly the conflicts its use case can answer', (key, route) => {
    const { conflicts, unknown } = reachable(handlers.get(key) as Fn);
    expect(unknown).toEqual([]);
    for (const { code } of UNREACHABLE[key] ?? []) conflicts.delete(code);
    expect([...(route.conflicts ?? [])].sort()).toEqual([...conflicts].sort());
  });

  it('each exemption names a conflict the graph does reach (none is stale)', () => {
    for (const [key, list] of Object.entries(UNREACHABLE)) {
      const { conflicts } = reachable(handlers.get(key) as Fn);
      for (const { code } of list) expect({ key, code, reached: conflicts.has(code) }).toEqual({ key, code, reached: true });
    }
  });
});
