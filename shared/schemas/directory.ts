import * as z from 'zod/mini';
import { describe, email, id, optionalText, text } from './fields';
// The stored shapes (and the kind enum the input uses): ./directory-items.ts.
import { RecipientGroupKind } from './directory-items';

export { RecipientGroup, RecipientGroupKind, RecipientGroupView, Unit, UnitView } from './directory-items';

/*
 * zod/mini, like every input schema (./fields.ts says why). Every object schema is built on its first
 * use (`z.lazy`), not at module load: the API serves one route per invocation, so a cold start builds
 * only the schemas its request needs (issue 9 "Lighter bundles", `npm run bench`). Parsing, messages
 * and the OpenAPI document are those of the classic schemas they replace.
 */

export const RecipientGroupInput = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      name: describe(text(300), 'The label as printed in Nơi nhận, e.g. "Hội đồng TĐKT tỉnh"'),
      kind: RecipientGroupKind,
      purpose: describe(optionalText(200), 'Why it is sent: để thực hiện, b/c, để biết, để đăng tin, lưu'),
      emails: z._default(z.array(email).check(z.maxLength(5000)), []),
    })
    .check(
      z.superRefine((g, ctx) => {
        if (g.kind === 'email' && g.emails.length === 0) {
          ctx.addIssue({ code: 'custom', path: ['emails'], message: 'nhóm gửi thư cần ít nhất một địa chỉ' });
        }
      }),
    ),
);
export type RecipientGroupInput = z.infer<typeof RecipientGroupInput>;

export const UnitInput = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    name: describe(text(300), 'The unit as it is named in the letter, e.g. "Văn phòng Sở"'),
    emails: z.array(email).check(z.minLength(1), z.maxLength(200)),
    /** The unit this one belongs to (a phòng of a Sở): its reporter may act for this unit too. */
    parentUnitId: describe(z.optional(id), 'The parent unit in the directory; its reporter may nominate and report for this sub-unit'),
  }),
);
export type UnitInput = z.infer<typeof UnitInput>;
