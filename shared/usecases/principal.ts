/** Who is asking: the roles of the deployment, and for a unit's reporter its unit. No HTTP here: the adapter fills it from the token. */
export type Role = 'admin' | 'unit' | 'council' | 'viewer';

export const ROLES: readonly Role[] = ['admin', 'unit', 'council', 'viewer'];

export interface Principal {
  sub: string;
  roles: Role[];
  unitId?: string;
  email?: string;
}
