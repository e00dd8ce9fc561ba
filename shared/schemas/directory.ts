import * as z from 'zod';
import { code, email, id, optionalText, text } from './common';

/**
 * What a Nơi nhận entry does (docs/legal-sources.md §5.3): `email` groups are mailed, `archive` (Lưu: VT, VP)
 * is filed and never mailed, `publication` (Trang thông tin điện tử) is a publishing action, not a person.
 */
export const RecipientGroupKind = z.enum(['email', 'archive', 'publication']);
export type RecipientGroupKind = z.infer<typeof RecipientGroupKind>;

export const RecipientGroupInput = z
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
  });
export type RecipientGroupInput = z.infer<typeof RecipientGroupInput>;

export const RecipientGroup = z.object({
  code,
  name: z.string(),
  kind: RecipientGroupKind,
  purpose: z.string().optional(),
  emails: z.array(z.string()),
  updatedAt: z.string(),
});
export type RecipientGroup = z.infer<typeof RecipientGroup>;

export const UnitInput = z
  .object({
    name: text(300).describe('The unit as it is named in the letter, e.g. "Văn phòng Sở"'),
    emails: z.array(email).min(1).max(200),
    /** The unit this one belongs to (a phòng of a Sở): its reporter may act for this unit too. */
    parentUnitId: id.optional().describe('The parent unit in the directory; its reporter may nominate and report for this sub-unit'),
  })
  .strict();
export type UnitInput = z.infer<typeof UnitInput>;

export const Unit = z.object({ unitId: z.string(), name: z.string(), emails: z.array(z.string()), parentUnitId: z.string().optional(), updatedAt: z.string() });
export type Unit = z.infer<typeof Unit>;

/** The directory as a reader sees it: only the Office reads the addresses (README "Who sees what"). */
export const UnitView = Unit.extend({ emails: z.array(z.string()).optional() });
export const RecipientGroupView = RecipientGroup.extend({ emails: z.array(z.string()).optional() });
