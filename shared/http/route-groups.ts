import type { RouteKey, RouteSpec } from './routes';

/*
 * Which function serves which routes (issue 9 "Lighter bundles"): one API function would carry the Cognito client and
 * the API document's schemas on every cold start of every campaign route. Three functions behind the one HTTP API:
 * - `api`: the campaigns, the directory, registrations, reports, standings and nominations: what units use all year;
 * - `apiCouncil`: the proposal, the Council's ballot, the results and the submission up the line: the only routes that
 *   need the rule sets, the quota and tie logic and the authority table, a few calls a campaign;
 * - `apiPeople`: agencies and users, the only routes that call Cognito's admin API;
 * - `apiDocs`: the API document and its page, the only ones that build JSON Schemas from zod;
 * - `apiFiles`: a campaign's documents and its units' files, the only routes that carry the S3 client, the presigner
 *   and file-type (issue 12): presigned uploads and downloads, and the upload read back and checked.
 * - `apiSheets`: the import templates, imports, exports and statistical forms, the only routes that carry exceljs
 *   (issue 13): a workbook library of about a megabyte no other route needs.
 * The wiring (infra/wiring.ts) gives each function its routes from here, and each function's handler list is typed
 * from the same keys, so a route served by none, or by two, fails to compile or the wiring check.
 */
export type PeopleRouteKey = Extract<RouteKey, `${string} /agencies${string}` | `${string} /users${string}`>;
export type DocsRouteKey = Extract<RouteKey, 'GET /openapi.json' | 'GET /docs'>;
export type CouncilRouteKey = Extract<RouteKey, `${string}/proposal` | `${string}/council-votes` | `${string}/results${string}` | `${string}/submissions`>;
export type FilesRouteKey = Extract<RouteKey, `${string}/documents${string}` | `${string}/files${string}`>;
export type SheetsRouteKey = Extract<RouteKey, `${string} /templates${string}` | `${string} /imports${string}` | `${string}/exports/${string}` | `${string} /statistics${string}`>;
export type CoreRouteKey = Exclude<RouteKey, PeopleRouteKey | DocsRouteKey | CouncilRouteKey | FilesRouteKey | SheetsRouteKey>;

export const isPeopleRoute = (r: Pick<RouteSpec, 'path'>) => /^\/(agencies|users)(\/|$)/.test(r.path);
export const isDocsRoute = (r: Pick<RouteSpec, 'path'>) => r.path === '/openapi.json' || r.path === '/docs';
export const isCouncilRoute = (r: Pick<RouteSpec, 'path'>) => /\/(proposal|council-votes|results(\/.*)?|submissions)$/.test(r.path);
export const isFilesRoute = (r: Pick<RouteSpec, 'path'>) => /^\/campaigns\/\{id\}\/(documents|files)(\/|$)/.test(r.path);
export const isSheetsRoute = (r: Pick<RouteSpec, 'path'>) => /^\/(templates|imports|statistics)(\/|$)/.test(r.path) || /^\/campaigns\/\{id\}\/exports\//.test(r.path);
export const isCoreRoute = (r: Pick<RouteSpec, 'path'>) => !isPeopleRoute(r) && !isDocsRoute(r) && !isCouncilRoute(r) && !isFilesRoute(r) && !isSheetsRoute(r);
