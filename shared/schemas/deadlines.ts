import * as z from 'zod/mini';
import { describe, isoDateTime, text } from './fields';

/*
 * The bodies of the deadline routes (issue 11): zod/mini and built on first use, like every input
 * schema (./fields.ts says why).
 */

/** POST /campaigns/{id}/deadlines: gia hạn, one deadline moved later, with its reason. */
export const DeadlineExtensionInput = z.lazy(() =>
  z.strictObject({
    deadline: describe(z.enum(['registration', 'midYearReports', 'reports', 'nominations']), 'Which deadline of the letter moves (the names of `deadlines`)'),
    to: describe(isoDateTime, 'The new deadline, ISO 8601 with an offset: later than the current one and than now, and not after the deadlines that follow it'),
    reason: describe(text(2000), 'Lý do gia hạn: stated in the notice the participating units and the Office are emailed'),
  }),
);
export type DeadlineExtensionInput = z.infer<typeof DeadlineExtensionInput>;

/** POST /campaigns/{id}/reminders: what the units that have not yet submitted are reminded of. */
export const ReminderRequestInput = z.lazy(() =>
  z.strictObject({
    what: describe(z.enum(['registration', 'mid-year', 'final', 'nominations']), 'Registering, a period’s report (sơ kết, tổng kết), or the nominations'),
  }),
);
export type ReminderRequestInput = z.infer<typeof ReminderRequestInput>;
