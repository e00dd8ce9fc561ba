/**
 * The agency the twin starts with, and that the migration moves a single-agency table into (scripts/migrate-to-agencies.ts):
 * the seed letter's issuer, a department (Sở) of Lạng Sơn province. Tokens minted without an agency work inside it.
 */
export const defaultAgency = {
  id: 'default',
  name: 'Sở Ngoại vụ tỉnh Lạng Sơn',
  level: 'department' as const,
  place: 'Lạng Sơn',
  /** The ký hiệu of its documents, as in the seed letter's "15/KH-SNgV". */
  documentSymbol: 'SNgV',
};
