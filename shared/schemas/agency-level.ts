import * as z from 'zod/mini';

/**
 * The level of an agency of the platform: a province (UBND tỉnh), one of its departments (Sở), or a commune. Its own
 * module, so that the stored campaign (./campaign-item.ts) and the authority table (shared/domain/authority.ts) read
 * it without the agency's input schema.
 */
export const AgencyLevel = z.enum(['province', 'department', 'commune']);
export type AgencyLevel = z.infer<typeof AgencyLevel>;
