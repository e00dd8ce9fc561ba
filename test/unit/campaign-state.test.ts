import { minimalLetter } from '../../seed/minimal-letter';
import { canTransition, issueCampaign, newCampaign } from '../../shared/domain/campaign';
import { DomainError } from '../../shared/domain/errors';
import { CampaignInput } from '../../shared/schemas/campaign';

const input = CampaignInput.parse(
  minimalLetter({
    documentNumber: '15/KH-SNgV',
    title: 'Phong trào thi đua năm 2023',
    recipientGroups: ['LANH_DAO_SO'],
    deadlines: { nominations: '2023-12-10T17:00:00+07:00' },
  }),
);
const draft = newCampaign(input, { id: 'c1', now: '2023-03-01T00:00:00.000Z', actor: 'office', agencyId: 'default' });

describe('campaign state machine (docs/architecture.md "The job": a draft is issued once)', () => {
  it.each([
    ['draft', 'issued', true],
    ['issued', 'issued', false],
    ['issued', 'draft', false],
    ['draft', 'draft', false],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('a new campaign is a draft at version 1', () => {
    expect(draft).toMatchObject({ status: 'draft', version: 1, createdBy: 'office' });
  });

  it('issuing bumps the version, stamps who and when, and dates an undated letter with the issuing day in Vietnam', () => {
    const issued = issueCampaign(draft, { now: '2023-03-04T18:30:00.000Z', today: '2023-03-05', actor: 'office' });
    expect(issued).toMatchObject({ status: 'issued', version: 2, issuedAt: '2023-03-04T18:30:00.000Z', issuedBy: 'office', date: '2023-03-05' });
    expect(draft.status).toBe('draft'); // pure: the input is not mutated
  });

  it('keeps the date the letter bears', () => {
    const dated = { ...draft, date: '2023-03-05' };
    expect(issueCampaign(dated, { now: '2023-03-09T00:00:00.000Z', today: '2023-03-09', actor: 'x' }).date).toBe('2023-03-05');
  });

  it('refuses to issue twice with a conflict', () => {
    const issued = issueCampaign(draft, { now: 'n', today: '2023-03-05', actor: 'a' });
    expect(() => issueCampaign(issued, { now: 'n', today: '2023-03-05', actor: 'a' })).toThrow(DomainError);
    try {
      issueCampaign(issued, { now: 'n', today: '2023-03-05', actor: 'a' });
    } catch (e) {
      expect((e as DomainError).code).toBe('conflict');
    }
  });
});
