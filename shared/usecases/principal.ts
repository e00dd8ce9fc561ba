/**
 * Who is asking: the roles, the agency the caller works in, and for a unit's reporter its unit. No HTTP here: the adapter
 * fills it from the token (`cognito:groups`, `custom:agencyId`, `custom:unitId`).
 *
 * `platform` is the operator of a deployment shared by many agencies: it creates agencies and nothing else; it reads no
 * campaign's contents. Every other role works inside exactly one agency.
 */
export type Role = 'admin' | 'unit' | 'council' | 'viewer';
export type PlatformRole = 'platform';

export const ROLES: readonly Role[] = ['admin', 'unit', 'council', 'viewer'];

/** The agency of tokens minted before agencies existed, and of the twin's examples (docs/agencies.md). */
export const DEFAULT_AGENCY_ID = 'default';

export interface Principal {
  sub: string;
  roles: Role[];
  /** The agency the caller works in; every key the caller reads or writes is under it. */
  agencyId: string;
  unitId?: string;
  email?: string;
}

/** The platform operator: no agency, no agency role. */
export interface PlatformPrincipal {
  sub: string;
  platform: true;
  email?: string;
}
