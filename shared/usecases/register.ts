import { DOCUMENT_TYPES, type DocumentType, formatDocumentNumber, registerSlot } from '../domain/document-register';
import { DomainError } from '../domain/errors';
import { todayInVietnam } from '../domain/vn-date';
import type { Campaign } from '../schemas/campaign';
import type { DocumentNumberRequest, RegisterEntry } from '../schemas/register';
import { getAgency } from '../store/agencies';
import { advanceCounter, getRegisterEntry, listRegister, type NewEntry, registerGivenNumber, takeNextNumber } from '../store/register';
import type { Principal } from './principal';

/** The year a document is registered in: its date's, in Vietnam (the register runs 01/01 to 31/12, NĐ 30/2020 Art 15). */
const yearOf = (isoDay: string) => Number(isoDay.slice(0, 4));

/**
 * POST /document-numbers: the next number of a type for the caller's agency, in this year's register. Concurrent
 * requests get distinct, consecutive numbers (shared/store/register.ts takeNextNumber).
 */
export async function takeDocumentNumber(actor: Principal, input: DocumentNumberRequest, now: Date): Promise<RegisterEntry> {
  const symbol = input.symbol ?? (await getAgency(actor.agencyId))?.documentSymbol;
  if (!symbol) {
    throw new DomainError('invalid', 'Cơ quan chưa khai báo ký hiệu viết tắt (documentSymbol); hãy gửi kèm symbol.', [{ path: 'symbol', message: 'bắt buộc khi cơ quan chưa có documentSymbol' }]);
  }
  return takeNumber(actor.agencyId, { type: input.type, symbol, title: input.title, campaignId: input.campaignId, source: 'requested', by: actor.sub }, now);
}

/** A number for a document the system makes (the results notice, the decision): the next of its type. */
export function takeNumber(
  agencyId: string,
  d: { type: DocumentType; symbol: string; title: string; campaignId?: string; source: RegisterEntry['source']; by: string },
  now: Date,
): Promise<RegisterEntry> {
  const year = yearOf(todayInVietnam(now));
  return takeNextNumber(agencyId, { year, type: d.type }, (number) => ({
    documentNumber: formatDocumentNumber({ number, type: d.type, symbol: d.symbol }),
    year,
    type: d.type,
    number,
    title: d.title,
    ...(d.campaignId ? { campaignId: d.campaignId } : {}),
    source: d.source,
    registeredAt: now.toISOString(),
    registeredBy: d.by,
  }));
}

export async function readRegister(actor: Principal, query: { year: number; type?: DocumentType }): Promise<{ items: RegisterEntry[] }> {
  return { items: await listRegister(actor.agencyId, query.year, query.type) };
}

/**
 * The campaign's letter takes its number in the register when it is issued (đăng ký văn bản đi): the number given by
 * hand must be free in the year of the letter's date, or already this letter's. Returns the transaction's conditional
 * put (so the letter is issued if and only if its number is registered) and what to do once it committed.
 */
export async function letterRegistration(campaign: Campaign, actor: string, now: Date) {
  const slot = registerSlot(campaign.documentNumber, yearOf(campaign.date ?? todayInVietnam(now)));
  const claimKey = `CAMPAIGN#${campaign.id}`;
  const taken = await getRegisterEntry(campaign.agencyId, slot);
  // A number the Office took from the register for this letter (or for no document in particular) is this letter's.
  const reservedForIt = taken?.source === 'requested' && !taken.claimKey && (!taken.campaignId || taken.campaignId === campaign.id);
  if (taken && taken.claimKey !== claimKey && !reservedForIt) {
    throw new DomainError(
      'conflict',
      `Số văn bản ${campaign.documentNumber} đã được đăng ký năm ${slot.year} cho văn bản “${taken.title}” (${DOCUMENT_TYPES[taken.type as DocumentType] ?? taken.type}); hãy dùng số khác.`,
      [{ path: 'documentNumber', message: 'trùng số trong sổ đăng ký văn bản đi' }],
      'document.number_taken',
    );
  }
  const entry: NewEntry = {
    documentNumber: campaign.documentNumber,
    ...slot,
    title: campaign.title,
    campaignId: campaign.id,
    source: 'campaign-letter',
    registeredAt: now.toISOString(),
    registeredBy: actor,
  };
  return { write: registerGivenNumber(campaign.agencyId, entry, claimKey), committed: () => advanceCounter(campaign.agencyId, slot) };
}
