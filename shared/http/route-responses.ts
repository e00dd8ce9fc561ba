import * as z from 'zod/mini';
import { Agency, AgencyDeleted, AgencyList } from '../schemas/agency';
import { SubmissionResult } from '../schemas/submission';
import { Campaign, CampaignList } from '../schemas/campaign';
import { RecipientGroup, RecipientGroupView, Unit, UnitView } from '../schemas/directory';
import { Delivery, DomainEvent, Mailing } from '../schemas/events';
import { RegisterEntry, RegisterList } from '../schemas/register';
import { Registration } from '../schemas/registration';
import { StoredFile } from '../schemas/files';
import { User, UserList } from '../schemas/user';
import { Person } from '../schemas/person';
import { AwardRecord } from '../schemas/record';
import { ImportRecord } from '../schemas/imports';
import {
  CouncilTally,
  FinalResults,
  NominationList,
  OpenApiDocument,
  Proposal,
  ReminderRequestResult,
  ReportList,
  Standings,
  StoredNomination,
  StoredReport,
  VerificationResult,
  VisibleResults,
} from './responses';
import type { RouteKey } from './routes';

/** A presigned upload as shared/files/presign.ts hands it out: the PUT to make, with the headers it must carry. */
const presignedUpload = () =>
  z.object({
    method: z.literal('PUT'),
    url: z.string(),
    headers: z.object({ 'content-type': z.string(), 'x-amz-checksum-sha256': z.string() }),
    size: z.number(),
    expiresAt: z.string(),
  });

/**
 * What each route answers, for the API document only (shared/http/openapi.ts): any zod schema, classic or mini. Kept
 * out of the route table so that the functions serving the routes do not bundle the answers' schemas (issue 9
 * "Lighter bundles"); only the API document's function imports this. The inline ones are `z.lazy`: built when the
 * document is. test/unit/openapi.test.ts checks that each use case's answer fits its schema.
 */
export const routeResponses: Partial<Record<RouteKey, z.core.$ZodType>> = {
  'GET /health': z.lazy(() => z.object({ status: z.literal('ok') })),
  'GET /openapi.json': OpenApiDocument,
  'PUT /agencies/{agencyId}': Agency,
  'GET /agencies': AgencyList,
  'DELETE /agencies/{agencyId}': AgencyDeleted,
  'POST /agencies/{agencyId}/admins': User,
  'PUT /recipient-groups/{code}': RecipientGroup,
  'GET /recipient-groups': z.lazy(() => z.object({ items: z.array(RecipientGroupView) })),
  'PUT /units/{unitId}': Unit,
  'GET /units': z.lazy(() => z.object({ items: z.array(UnitView) })),
  'PUT /people/{personId}': Person,
  'GET /people': z.lazy(() => z.object({ items: z.array(Person) })),
  'GET /people/{personId}/record': z.lazy(() => z.object({ personId: z.string(), person: z.optional(Person), items: z.array(AwardRecord) })),
  'POST /imports': z.lazy(() => z.object({ import: ImportRecord, upload: presignedUpload() })),
  'GET /imports/{importId}': ImportRecord,
  'POST /imports/{importId}/apply': ImportRecord,
  'GET /units/{unitId}/record': z.lazy(() => z.object({ unitId: z.string(), items: z.array(AwardRecord) })),
  'POST /users': User,
  'POST /document-numbers': RegisterEntry,
  'GET /document-numbers': RegisterList,
  'POST /campaigns/{id}/files': z.lazy(() => z.object({ file: StoredFile, upload: presignedUpload() })),
  'POST /campaigns/{id}/files/{fileId}/complete': StoredFile,
  'GET /campaigns/{id}/files': z.lazy(() => z.object({ items: z.array(StoredFile) })),
  'GET /campaigns/{id}/files/{fileId}': z.lazy(() => z.object({ file: StoredFile, download: z.object({ url: z.string(), expiresAt: z.string() }) })),
  'POST /campaigns/{id}/documents/{docId}/signed': z.lazy(() =>
    z.object({
      documentId: z.string(),
      upload: presignedUpload(),
    }),
  ),
  'POST /campaigns/{id}/documents/{docId}/signed/complete': z.lazy(() => z.object({ documentId: z.string(), filename: z.string(), size: z.number(), sha256: z.string(), verifiedAt: z.string() })),
  'GET /campaigns/{id}/documents': z.lazy(() =>
    z.object({
      items: z.array(
        z.object({
          documentId: z.string(),
          kind: z.string(),
          documentNumber: z.string(),
          filename: z.string(),
          contentType: z.string(),
          size: z.number(),
          sha256: z.string(),
          issuedAt: z.string(),
          signed: z.optional(z.literal(true)),
          download: z.object({ url: z.string(), expiresAt: z.string() }),
        }),
      ),
    }),
  ),
  'GET /users': UserList,
  'POST /users/{username}/disable': User,
  'POST /campaigns': Campaign,
  'GET /campaigns': CampaignList,
  'GET /campaigns/{id}': Campaign,
  'POST /campaigns/{id}/issue': Campaign,
  'POST /campaigns/{id}/deadlines': Campaign,
  'POST /campaigns/{id}/reminders': ReminderRequestResult,
  'GET /campaigns/{id}/events': z.lazy(() => z.object({ items: z.array(z.object({ ...DomainEvent.shape, actor: z.optional(z.string()) })) })),
  'GET /campaigns/{id}/deliveries': z.lazy(() => z.object({ items: z.array(z.object({ ...Delivery.shape, logKey: z.string() })), mailings: z.array(Mailing) })),
  'POST /campaigns/{id}/deliveries/retry': z.lazy(() => z.object({ requeued: z.number().check(z.int()), mailingsRequeued: z.number().check(z.int()) })),
  'PUT /campaigns/{id}/scoring-table': Campaign,
  'POST /campaigns/{id}/registrations': Registration,
  'GET /campaigns/{id}/registrations': z.lazy(() => z.object({ items: z.array(Registration) })),
  'POST /campaigns/{id}/reports': StoredReport,
  'GET /campaigns/{id}/reports': ReportList,
  'PUT /campaigns/{id}/reports/{unitId}/{period}/verification': VerificationResult,
  'GET /campaigns/{id}/standings': Standings,
  'POST /campaigns/{id}/nominations': StoredNomination,
  'GET /campaigns/{id}/nominations': NominationList,
  'POST /campaigns/{id}/close-nominations': Campaign,
  'GET /campaigns/{id}/proposal': Proposal,
  'POST /campaigns/{id}/council-votes': CouncilTally,
  'POST /campaigns/{id}/results/finalize': FinalResults,
  'GET /campaigns/{id}/results': VisibleResults,
  'POST /campaigns/{id}/submissions': SubmissionResult,
};
