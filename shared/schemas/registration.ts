import * as z from 'zod/mini';
import { describe, id, text } from './fields';
import { Title } from './titles';

/*
 * zod/mini (./fields.ts says why): the consumer that decides nominations reads registrations back.
 * Every object schema is built on its first use (`z.lazy`), not at module load: the API serves one
 * route per invocation and a stream consumer parses few of them, so a cold start builds only the
 * schemas its request needs (issue 9 "Lighter bundles", `npm run bench`). Parsing, messages and the
 * OpenAPI document are those of the classic schemas they replace.
 */

/**
 * Đăng ký thi đua (docs/legal-sources.md §1.4): a unit, or a person of a unit, commits to targets and names
 * the titles it aims for. Without registration a title is not considered (the old-regime principle,
 * [U] in the notes: the decision engine's `registrationRequired` option, off unless the campaign turns it on).
 */
export const Registrant = /* @__PURE__ */ z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('unit') }),
    z.strictObject({
      kind: z.literal('individual'),
      /** Stable within the unit (staff number); when absent the normalised name identifies the person. */
      personId: z.optional(id),
      name: text(200),
      position: z.optional(text(200)),
    }),
  ]),
);
export type Registrant = z.infer<typeof Registrant>;

export const RegistrationInput = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    unitId: id,
    registrant: Registrant,
    targets: describe(z.array(text(2000)).check(z.minLength(1), z.maxLength(50)), 'Chỉ tiêu, mục tiêu thi đua'),
    titles: describe(
      z.array(Title).check(
        z.minLength(1),
        z.maxLength(8),
        z.refine((a) => new Set(a).size === a.length, 'không được lặp lại một danh hiệu'),
      ),
      'Danh hiệu đăng ký',
    ),
  }),
);
export type RegistrationInput = z.infer<typeof RegistrationInput>;

export const Registration = /* @__PURE__ */ z.lazy(() =>
  z.extend(RegistrationInput._zod.innerType, {
    campaignId: z.string(),
    registrantKey: z.string(),
    submittedAt: z.string(),
    submittedBy: z.string(),
    updatedAt: z.string(),
  }),
);
export type Registration = z.infer<typeof Registration>;

/** Who a registration belongs to, within its unit: the unit itself, a staff number, or the NFC, lower-cased name. */
export function registrantKey(r: Registrant): string {
  if (r.kind === 'unit') return 'UNIT';
  return r.personId ? `ID:${r.personId}` : `NAME:${r.name.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ')}`;
}
