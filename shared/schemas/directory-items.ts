import * as z from 'zod/mini';
import { code } from './ids';

/*
 * The directory as stored and as read back: zod/mini schemas, since every function that mails
 * loads the directory and needs nothing else from zod (issue 9 "Lighter bundles"). The inputs the
 * Office sends (with their refinements and descriptions) are in ./directory.ts, which
 * re-exports these under the same names.
 */

/**
 * What a Nơi nhận entry does (docs/legal-sources.md §5.3): `email` groups are mailed, `archive` (Lưu: VT, VP)
 * is filed and never mailed, `publication` (Trang thông tin điện tử) is a publishing action, not a person.
 */
export const RecipientGroupKind = z.enum(['email', 'archive', 'publication']);
export type RecipientGroupKind = z.infer<typeof RecipientGroupKind>;

export const RecipientGroup = z.object({
  code,
  name: z.string(),
  kind: RecipientGroupKind,
  purpose: z.optional(z.string()),
  emails: z.array(z.string()),
  updatedAt: z.string(),
});
export type RecipientGroup = z.infer<typeof RecipientGroup>;

export const Unit = z.object({ unitId: z.string(), name: z.string(), emails: z.array(z.string()), parentUnitId: z.optional(z.string()), updatedAt: z.string() });
export type Unit = z.infer<typeof Unit>;

/** The directory as a reader sees it: only the Office reads the addresses (README "Who sees what"). */
export const UnitView = z.extend(Unit, { emails: z.optional(z.array(z.string())) });
export const RecipientGroupView = z.extend(RecipientGroup, { emails: z.optional(z.array(z.string())) });
