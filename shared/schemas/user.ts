import * as z from 'zod/mini';
import { describe, email, id, text } from './fields';

/*
 * People an agency's Office enrols through the API (`POST /users`). The roles are the agency roles and
 * nothing else: `platform` is not in the enum, so no body can grant it, and the agency is always the
 * caller's (it is not a field). Object schemas are `z.lazy`, as in ./directory.ts (built on first use).
 */

/** The roles an agency's admin may give; each is a Cognito group of the same name. */
export const UserRole = z.enum(['admin', 'unit', 'council', 'viewer']);
export type UserRole = z.infer<typeof UserRole>;

export const UserInput = z.lazy(() =>
  z
    .strictObject({
      email: describe(email, 'The address the invitation goes to; also the login name (case-insensitive)'),
      name: describe(text(200), 'The person’s full name, e.g. "Nguyễn Văn A"'),
      role: describe(UserRole, 'admin (the Office), unit (a unit’s reporter), council, viewer; never platform'),
      unitId: describe(z.optional(id), 'The unit a `unit` reporter acts for: a unit of the caller’s agency; required for role unit, refused otherwise'),
    })
    .check(
      z.superRefine((u, ctx) => {
        // A reporter without a unit could act for none; another role with one would carry a scope it never uses.
        if (u.role === 'unit' && u.unitId === undefined) ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'vai trò unit cần mã đơn vị (unitId)' });
        if (u.role !== 'unit' && u.unitId !== undefined) ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'chỉ vai trò unit mới gắn với một đơn vị' });
      }),
    ),
);
export type UserInput = z.infer<typeof UserInput>;

/**
 * `pending`: recorded, the identity provider not yet done (a crash in between; `POST /users` again resumes).
 * `enrolled`: the account exists, in its group, and the invitation was sent. `disabled`: can no longer sign in.
 * `refused`: the address belongs to another agency's account; nothing was created (README "Users").
 */
export const UserState = z.enum(['pending', 'enrolled', 'disabled', 'refused']);
export type UserState = z.infer<typeof UserState>;

/** A user as stored under the agency's directory partition and as `GET /users` returns it. */
export const User = z.lazy(() =>
  z.object({
    /** The login name: the email, lower-case (the user pool signs in by email). */
    username: z.string(),
    email: z.string(),
    name: z.string(),
    role: UserRole,
    unitId: z.optional(z.string()),
    state: UserState,
    /** The identity provider's id of the person (the token's `sub`), once enrolled. */
    sub: z.optional(z.string()),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    disabledAt: z.optional(z.string()),
    disabledBy: z.optional(z.string()),
  }),
);
export type User = z.infer<typeof User>;

export const UserList = z.lazy(() => z.object({ items: z.array(User) }));
