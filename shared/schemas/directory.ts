import * as z from 'zod';
import { email, id, optionalText, text } from './common';
// The stored shapes (and the kind enum the input uses), zod/mini: ./directory-items.ts says why.
import { RecipientGroupKind } from './directory-items';

export { RecipientGroup, RecipientGroupKind, RecipientGroupView, Unit, UnitView } from './directory-items';

/*
 * Every object schema here is built on its first use (`z.lazy`), not at module load: the API serves
 * one route per invocation and a stream consumer parses few of them, so a cold start builds only
 * the schemas its request needs (issue 9 "Lighter bundles": building them all was 15–38 ms of each
 * cold import, `npm run bench`). Parsing, messages and the OpenAPI document are unchanged.
 */

export const RecipientGroupInput = z.lazy(() =>
  z
    .object({
      name: text(300).describe('The label as printed in Nơi nhận, e.g. "Hội đồng TĐKT tỉnh"'),
      kind: RecipientGroupKind,
      purpose: optionalText(200).describe('Why it is sent: để thực hiện, b/c, để biết, để đăng tin, lưu'),
      emails: z.array(email).max(5000).default([]),
    })
    .strict()
    .superRefine((g, ctx) => {
      if (g.kind === 'email' && g.emails.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['emails'], message: 'nhóm gửi thư cần ít nhất một địa chỉ' });
      }
    }),
);
export type RecipientGroupInput = z.infer<typeof RecipientGroupInput>;

export const UnitInput = z.lazy(() =>
  z
    .object({
      name: text(300).describe('The unit as it is named in the letter, e.g. "Văn phòng Sở"'),
      emails: z.array(email).min(1).max(200),
      /** The unit this one belongs to (a phòng of a Sở): its reporter may act for this unit too. */
      parentUnitId: id.optional().describe('The parent unit in the directory; its reporter may nominate and report for this sub-unit'),
    })
    .strict(),
);
export type UnitInput = z.infer<typeof UnitInput>;
