import * as z from 'zod/mini';
import { AgencyLevel } from './agency-level';
import { documentSymbol, email, text } from './fields';

export { AgencyLevel };

/**
 * An agency (cơ quan) of a shared deployment: a province (UBND tỉnh), one of its departments (Sở), or a commune. Its
 * level bounds the titles its head may award (shared/domain/authority.ts); the rest it proposes to its parent agency.
 * Only the platform operator creates agencies; every other resource belongs to exactly one of them. zod/mini, like
 * every input schema (./fields.ts says why).
 */

/**
 * A disposable agency's id starts with one of these, and only a disposable agency's does: the function that removes
 * one may delete in these partitions only (IAM `dynamodb:LeadingKeys`, infra/wiring.ts), so no bug reaches a real one.
 */
export const DISPOSABLE_ID_PREFIXES = ['smoke-', 'trial-'] as const;
export const isDisposableId = (id: string) => DISPOSABLE_ID_PREFIXES.some((p) => id.startsWith(p));

/** Lower-case letters, digits and hyphens: an agency id is part of every key of its data, so it holds no `#`. */
export const AGENCY_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
export const agencyId = z.lazy(() => z.string().check(z.regex(AGENCY_ID_PATTERN, 'mã cơ quan gồm chữ thường không dấu, chữ số và dấu gạch ngang (tối đa 40 ký tự)')));

const agencyFields = () => ({
  name: text(300),
  parentAgencyId: z.optional(agencyId),
  level: AgencyLevel,
  /** Where the agency is (e.g. "Lạng Sơn"): the place line of its letters. */
  place: text(100),
  /**
   * The agency's abbreviation in the ký hiệu of its documents ("SNgV" in "15/KH-SNgV"): the numbers the register gives
   * (shared/domain/document-register.ts) are written with it.
   */
  documentSymbol: z.optional(documentSymbol),
  /** A letter is issued only with its signed original (ký số) uploaded: POST /campaigns/{id}/documents/launch-letter/signed. */
  requireSignedLetter: z.optional(z.boolean()),
  /** The sender of its mail; must be one the deployment allows (context `allowedSenders`). */
  mailFrom: z.optional(email),
  /** Where replies go: the agency's Office. */
  replyTo: z.optional(email),
  /**
   * A trial or smoke-test agency: `DELETE /agencies/{agencyId}` removes it with all its data. Its id starts with
   * `smoke-` or `trial-` (DISPOSABLE_ID_PREFIXES), and no other agency's may.
   */
  disposable: z.optional(z.boolean()),
});

export const AgencyInput = z.lazy(() => z.strictObject(agencyFields()));
export type AgencyInput = z.infer<typeof AgencyInput>;

/** As stored and returned: the input, its id and who last changed it. */
/** As stored and returned; `removedAt` marks a disposable agency removed (its data deleted, the record kept as a tombstone). */
export const Agency = z.lazy(() => z.strictObject({ ...agencyFields(), id: z.string(), createdAt: z.string(), updatedAt: z.string(), updatedBy: z.string(), removedAt: z.optional(z.string()) }));
export type Agency = z.infer<typeof Agency>;

export const AgencyList = z.lazy(() => z.object({ items: z.array(Agency) }));

/** `POST /agencies/{agencyId}/admins`: the platform operator enrols an agency's first Office administrator. */
export const AgencyAdminInput = z.lazy(() => z.strictObject({ email, name: text(200) }));
export type AgencyAdminInput = z.infer<typeof AgencyAdminInput>;

/** `DELETE /agencies/{agencyId}`: what was removed. */
export const AgencyDeleted = /* @__PURE__ */ z.lazy(() => z.object({ agencyId: z.string(), deletedItems: z.number() }));
export type AgencyDeleted = z.infer<typeof AgencyDeleted>;
