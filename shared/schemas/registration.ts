import * as z from 'zod';
import { id, text } from './common';
import { Title } from './nomination';

/*
 * Every object schema here is built on its first use (`z.lazy`), not at module load: the API serves
 * one route per invocation and a stream consumer parses few of them, so a cold start builds only
 * the schemas its request needs (issue 9 "Lighter bundles": building them all was 15–38 ms of each
 * cold import, `npm run bench`). Parsing, messages and the OpenAPI document are unchanged.
 */

/**
 * Đăng ký thi đua (docs/legal-sources.md §1.4): a unit, or a person of a unit, commits to targets and names
 * the titles it aims for. Without registration a title is not considered (the old-regime principle,
 * [U] in the notes: the decision engine's `registrationRequired` option, on by default).
 */
export const Registrant = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('unit') }).strict(),
    z
      .object({
        kind: z.literal('individual'),
        /** Stable within the unit (staff number); when absent the normalised name identifies the person. */
        personId: id.optional(),
        name: text(200),
        position: text(200).optional(),
      })
      .strict(),
  ]),
);
export type Registrant = z.infer<typeof Registrant>;

export const RegistrationInput = z.lazy(() =>
  z
    .object({
      unitId: id,
      registrant: Registrant,
      targets: z.array(text(2000)).min(1).max(50).describe('Chỉ tiêu, mục tiêu thi đua'),
      titles: z
        .array(Title)
        .min(1)
        .max(8)
        .refine((a) => new Set(a).size === a.length, 'không được lặp lại một danh hiệu')
        .describe('Danh hiệu đăng ký'),
    })
    .strict(),
);
export type RegistrationInput = z.infer<typeof RegistrationInput>;

export const Registration = z.lazy(() =>
  RegistrationInput._zod.innerType.extend({
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
