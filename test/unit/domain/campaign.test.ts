import { minimalLetter } from '../../../seed/minimal-letter';
import { canTransition, closeNominations, finalizeCampaign, issueCampaign, newCampaign, referenceDateOf } from '../../../shared/domain/campaign';
import { DomainError } from '../../../shared/domain/errors';
import { todayInVietnam } from '../../../shared/domain/vn-date';
import { CampaignInput } from '../../../shared/schemas/campaign';

/**
 * The campaign's later stages (domain-rules §1.3, lifecycle as states and events): issued → nominations closed (by
 * the Office or the clock at the deadline, once) → finalized after the council's vote; and the date whose law decides
 * the nominations (§0: rule sets by date).
 */

const input = CampaignInput.parse(
  minimalLetter({ documentNumber: '15/KH-SNgV', title: 'Phong trào thi đua năm 2024', recipientGroups: ['LANH_DAO_SO'], deadlines: { nominations: '2024-12-10T17:00:00+07:00' } }),
);
const draft = newCampaign(input, { id: 'c1', now: '2024-03-01T00:00:00.000Z', actor: 'office', agencyId: 'default' });
const issued = issueCampaign(draft, { now: '2024-03-02T00:00:00.000Z', today: '2024-03-02', actor: 'office' });
const errorOf = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
};

describe('transitions', () => {
  it.each([
    ['draft', 'issued', true],
    ['issued', 'nominations-closed', true],
    ['nominations-closed', 'finalized', true],
    ['draft', 'nominations-closed', false],
    ['draft', 'finalized', false],
    ['issued', 'finalized', false],
    ['finalized', 'draft', false],
    ['finalized', 'issued', false],
    ['nominations-closed', 'issued', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });
});

describe('closing and finalizing', () => {
  const closed = closeNominations(issued, { now: '2024-12-10T10:00:00.000Z', actor: 'scheduler' });
  it('closing stamps who and when and bumps the version', () => {
    expect(closed).toMatchObject({ status: 'nominations-closed', version: 3, nominationsClosedAt: '2024-12-10T10:00:00.000Z', nominationsClosedBy: 'scheduler' });
    expect(issued.status).toBe('issued');
  });
  it('a second close (the Office racing the clock) is a conflict, said in Vietnamese', () => {
    const e = errorOf(() => closeNominations(closed, { now: 'n', actor: 'office' }));
    expect(e.code).toBe('conflict');
    expect(e.message).toBe('Phong trào đã khóa nhận hồ sơ đề nghị (status "nominations-closed"); chỉ khóa nhận hồ sơ khi đã phát động (issued).');
  });
  it('a draft cannot be closed', () => {
    expect(errorOf(() => closeNominations(draft, { now: 'n', actor: 'office' })).code).toBe('conflict');
    expect(errorOf(() => closeNominations(draft, { now: 'n', actor: 'office' })).message).toBe('Phong trào bản nháp (status "draft"); chỉ khóa nhận hồ sơ khi đã phát động (issued).');
  });
  it('finalizing after the close stamps who and when', () => {
    expect(finalizeCampaign(closed, { now: '2024-12-20T00:00:00.000Z', actor: 'office' })).toMatchObject({
      status: 'finalized',
      version: 4,
      finalizedAt: '2024-12-20T00:00:00.000Z',
      finalizedBy: 'office',
    });
  });
  it('an issued campaign cannot be finalized before the close; a finalized one not again', () => {
    expect(errorOf(() => finalizeCampaign(issued, { now: 'n', actor: 'o' })).code).toBe('conflict');
    expect(errorOf(() => issueCampaign(issued, { now: 'n', today: 't', actor: 'o' })).code).toBe('conflict');
    expect(errorOf(() => finalizeCampaign(issued, { now: 'n', actor: 'o' })).message).toBe(
      'Phong trào đã phát động (status "issued"); chỉ chốt kết quả sau khi đã khóa nhận hồ sơ (nominations-closed).',
    );
    const done = finalizeCampaign(closed, { now: 'n', actor: 'o' });
    expect(errorOf(() => finalizeCampaign(done, { now: 'n', actor: 'o' })).message).toBe(
      'Phong trào đã chốt kết quả (status "finalized"); chỉ chốt kết quả sau khi đã khóa nhận hồ sơ (nominations-closed).',
    );
    expect(errorOf(() => issueCampaign(done, { now: 'n', today: 't', actor: 'o' })).message).toBe('Phong trào đã chốt kết quả (status "finalized"); chỉ phát động được khi còn là bản nháp (draft).');
  });
});

describe('referenceDateOf (§0: the law in force on that day decides)', () => {
  it("the letter's own reference date wins", () => {
    expect(referenceDateOf({ ...issued, referenceDate: '2025-06-30' }, todayInVietnam)).toBe('2025-06-30');
  });
  it("else the nomination deadline's day in Vietnam: 17:00 UTC on 30/06 is already 01/07 there (vn-2025)", () => {
    expect(referenceDateOf({ deadlines: { nominations: '2025-06-30T17:00:00.000Z' } }, todayInVietnam)).toBe('2025-07-01');
    expect(referenceDateOf({ deadlines: { nominations: '2025-06-30T16:59:59.000Z' } }, todayInVietnam)).toBe('2025-06-30');
  });
});
