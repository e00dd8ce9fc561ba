import { publicOutcome, type Outcome } from '../../shared/domain/results';
import type { Standings } from '../../shared/domain/standings';
import type { DomainEvent } from '../../shared/schemas/events';
import {
  audienceOf,
  unitScope,
  visibleEvents,
  visibleGroups,
  visibleNominations,
  visibleProposal,
  visibleRegistrations,
  visibleReports,
  visibleResults,
  visibleStandings,
  visibleUnits,
  type Audience,
} from '../../shared/usecases/visibility';

/** The visibility policy (README "Who sees what"): each role against rows of its own unit and of another. */
const units = [
  { unitId: 'SO', name: 'Sở' },
  { unitId: 'VP', name: 'Văn phòng', parentUnitId: 'SO' },
  { unitId: 'VP-TH', name: 'Tổ tổng hợp', parentUnitId: 'VP' },
  { unitId: 'TTDV', name: 'Trung tâm dịch vụ' },
];
const office: Audience = audienceOf({ roles: ['admin'] });
const council: Audience = audienceOf({ roles: ['council'] });
const vp: Audience = audienceOf({ roles: ['unit'], unitId: 'VP' }, units);
const ttdv: Audience = audienceOf({ roles: ['unit'], unitId: 'TTDV' }, units);
const viewer: Audience = audienceOf({ roles: ['viewer'] });

const ev = (type: DomainEvent['type'], data: Record<string, unknown> = {}): DomainEvent => ({
  eventId: `${type}-${String(data.unitId ?? '')}`,
  type,
  agencyId: 'default',
  campaignId: 'c1',
  version: 1,
  occurredAt: '2023-03-05T00:00:00.000Z',
  actor: 'user-sub-1',
  data,
});
const events = [
  ev('CampaignIssued'),
  ev('ReportSubmitted', { unitId: 'TTDV', report: { summary: 'TTDV-SECRET', evidence: { a: ['minh chứng'] } } }),
  ev('RegistrationSubmitted', { unitId: 'VP-TH', registrantKey: 'NAME:nguyễn văn a' }),
  ev('DeliveryBounced', { address: 'x@example.org', detail: '550 mailbox unknown' }),
  ev('NominationsClosed'),
];

describe('who sees what', () => {
  it('derives the audience from the broadest role, a reporter without a unit reading as a viewer', () => {
    expect(audienceOf({ roles: ['viewer', 'admin'] })).toEqual({ kind: 'office' });
    expect(audienceOf({ roles: ['unit', 'council'], unitId: 'VP' })).toEqual({ kind: 'council' });
    expect(audienceOf({ roles: ['unit'] })).toEqual({ kind: 'public' });
    expect(audienceOf({ roles: [] })).toEqual({ kind: 'public' });
  });

  it('a unit’s scope is the unit and everything below it in the directory, cycles included', () => {
    expect([...unitScope('SO', units)].sort()).toEqual(['SO', 'VP', 'VP-TH']);
    expect([...unitScope('VP-TH', units)]).toEqual(['VP-TH']);
    expect(
      [
        ...unitScope('A', [
          { unitId: 'A', parentUnitId: 'B' },
          { unitId: 'B', parentUnitId: 'A' },
        ]),
      ].sort(),
    ).toEqual(['A', 'B']);
  });

  it('the audit trail: complete for the Office; campaign events for all; a unit’s events to its scope and the Council; bounces to the Office only', () => {
    const types = (a: Audience) => visibleEvents(a, events).map((e) => `${e.type}:${String(e.data.unitId ?? '')}`);
    expect(types(office)).toEqual(['CampaignIssued:', 'ReportSubmitted:TTDV', 'RegistrationSubmitted:VP-TH', 'DeliveryBounced:', 'NominationsClosed:']);
    expect(types(council)).toEqual(['CampaignIssued:', 'ReportSubmitted:TTDV', 'RegistrationSubmitted:VP-TH', 'NominationsClosed:']);
    expect(types(vp)).toEqual(['CampaignIssued:', 'RegistrationSubmitted:VP-TH', 'NominationsClosed:']);
    expect(types(ttdv)).toEqual(['CampaignIssued:', 'ReportSubmitted:TTDV', 'NominationsClosed:']);
    expect(types(viewer)).toEqual(['CampaignIssued:', 'NominationsClosed:']);
    expect(JSON.stringify(visibleEvents(vp, events))).not.toContain('TTDV-SECRET');
    expect(JSON.stringify(visibleEvents(viewer, events))).not.toContain('550');
  });

  it('actors (account ids) are the Office’s, and a unit’s own', () => {
    expect(visibleEvents(office, events)[0]).toHaveProperty('actor', 'user-sub-1');
    expect(visibleEvents(council, events)[0]).not.toHaveProperty('actor');
    expect(visibleEvents(viewer, events)[0]).not.toHaveProperty('actor');
    expect(visibleEvents(ttdv, events).find((e) => e.type === 'ReportSubmitted')).toHaveProperty('actor', 'user-sub-1');
  });

  it('deadlines (issue 11): an extension and the clock’s reminders for all; the Office’s reminder, which names the units behind, for the Office only', () => {
    const deadlineEvents = [
      ev('DeadlineExtended', { deadline: 'registration', from: 'a', to: 'b', reason: 'bão' }),
      ev('ReminderDue', { what: 'nominations', deadline: 'b' }),
      ev('ReminderRequested', { what: 'final', deadline: 'b', units: ['TTDV'] }),
    ];
    expect(visibleEvents(office, deadlineEvents).map((e) => e.type)).toEqual(['DeadlineExtended', 'ReminderDue', 'ReminderRequested']);
    for (const a of [council, vp, ttdv, viewer]) expect(visibleEvents(a, deadlineEvents).map((e) => e.type)).toEqual(['DeadlineExtended', 'ReminderDue']);
  });

  it('fails closed: an event type the policy does not name reaches the Office only', () => {
    const unknown = { ...ev('CampaignIssued'), type: 'SomethingNew' } as unknown as DomainEvent;
    expect(visibleEvents(office, [unknown])).toHaveLength(1);
    for (const a of [council, vp, viewer]) expect(visibleEvents(a, [unknown])).toEqual([]);
  });

  const regs = [
    { unitId: 'VP', registrant: { kind: 'unit' } },
    { unitId: 'TTDV', registrant: { kind: 'individual', name: 'Trần Thị B' } },
    { unitId: 'TTDV', registrant: { kind: 'unit' } },
  ];
  it('registrations: the unit’s own in full; a viewer the collectives’ commitments; never another unit’s people', () => {
    expect(visibleRegistrations(office, regs)).toHaveLength(3);
    expect(visibleRegistrations(vp, regs)).toEqual([regs[0]]);
    expect(visibleRegistrations(viewer, regs)).toEqual([regs[0], regs[2]]);
    expect(JSON.stringify(visibleRegistrations(vp, regs))).not.toContain('Trần Thị B');
  });

  it('reports and nominations: the Office, the Council and the unit’s scope', () => {
    const reports = [{ unitId: 'VP-TH' }, { unitId: 'TTDV' }];
    expect(visibleReports(vp, reports)).toEqual([{ unitId: 'VP-TH' }]);
    expect(visibleReports(council, reports)).toHaveLength(2);
    expect(visibleReports(viewer, reports)).toEqual([]);
    const noms = [{ nominatingUnitId: 'VP', unitId: 'x' }, { nominatingUnitId: 'TTDV' }];
    expect(visibleNominations(vp, noms)).toEqual([noms[0]]);
    expect(visibleNominations(ttdv, noms)).toEqual([noms[1]]);
    expect(visibleNominations(viewer, noms)).toEqual([]);
  });

  const standings = {
    period: 'final',
    rows: [
      { rank: 1, unitId: 'TTDV', unitName: 'TT', total: 9000, maxTotal: 10000, selfTotal: 9500, taskRating: 'HTXSNV', explanation: 'TTDV-WHY', sections: [], criteria: [{ criterionId: 'c1' }] },
      { rank: 2, unitId: 'VP', unitName: 'VP', total: 8000, maxTotal: 10000, selfTotal: 8000, explanation: 'VP-WHY', sections: [], criteria: [] },
    ],
  } as unknown as Standings;
  it('standings: every unit’s rank and total; its claimed values and the Office’s verification only to its scope', () => {
    const seenBy = (a: Audience) => visibleStandings(a, standings).rows;
    expect(seenBy(council)).toEqual(standings.rows);
    expect(seenBy(vp)[0]).toEqual({ rank: 1, unitId: 'TTDV', unitName: 'TT', total: 9000, maxTotal: 10000 });
    expect(seenBy(vp)[1]).toEqual(standings.rows[1]);
    expect(JSON.stringify(seenBy(viewer))).not.toMatch(/selfTotal|WHY|criteria|HTXSNV/);
  });

  const outcome = (nominationId: string, nominatingUnitId: string, over: Partial<Outcome>): Outcome => ({
    nominationId,
    title: 'CSTDCS',
    titleLabel: 'Chiến sĩ thi đua cơ sở',
    nominee: { kind: 'individual', unitId: nominatingUnitId, name: `Người ${nominationId}`, personId: `${nominatingUnitId}/p` },
    nominatingUnitId,
    proposal: 'eligible',
    needsCouncilVote: false,
    outcome: 'awarded',
    reason: 'lý do nội bộ',
    ...over,
  });
  const vote = { yes: 6, membersTotal: 9, required: 8, thresholdPct: 80, comparison: 'at-least' as const, passed: false };
  const results = {
    campaignId: 'c1',
    counts: { awarded: 1, notAwarded: 1, deferred: 1 },
    outcomes: [
      outcome('n1', 'VP', { vote: { ...vote, yes: 8, passed: true }, reason: 'Được Hội đồng biểu quyết 8/9' }),
      outcome('n2', 'TTDV', { proposal: 'deferred', outcome: 'deferred', reason: 'đang trong thời gian xem xét kỷ luật' }),
      outcome('n3', 'TTDV', { outcome: 'not-awarded', vote, reason: 'Hội đồng biểu quyết 6/9' }),
    ],
  };

  it('results: the internal face to the Office, the Council and the nominating unit; the public face to everyone else', () => {
    expect(visibleResults(council, results)).toEqual(results);
    const forVp = visibleResults(vp, results);
    expect(forVp.outcomes[0]).toEqual(results.outcomes[0]);
    expect(forVp.outcomes[1]).toEqual(publicOutcome(results.outcomes[1]!));
    // Stored before proposals existed (no `proposed` count): none was proposed.
    expect(forVp.counts).toEqual({ awarded: 1, proposed: 0, notAwarded: 2 });
    const forViewer = JSON.stringify(visibleResults(viewer, results));
    expect(forViewer).not.toContain('kỷ luật');
    expect(forViewer).not.toContain('deferred');
    expect(forViewer).not.toContain('lý do nội bộ');
    expect(JSON.stringify(visibleResults(ttdv, results))).toContain('đang trong thời gian xem xét kỷ luật');
  });

  it('the public ground is the vote or that there was none, whatever kept a nomination back', () => {
    const [awarded, deferred, failed] = results.outcomes.map((o) => publicOutcome(o));
    expect(awarded).toMatchObject({ outcome: 'awarded', ground: 'Hội đồng biểu quyết 8/9 phiếu (88,9%) đồng ý, đạt (cần ít nhất 8/9, từ 80% tổng số thành viên trở lên).' });
    expect(deferred).toEqual({
      nominationId: 'n2',
      title: 'CSTDCS',
      titleLabel: 'Chiến sĩ thi đua cơ sở',
      nominee: { kind: 'individual', unitId: 'TTDV' },
      nominatingUnitId: 'TTDV',
      outcome: 'not-awarded',
      ground: 'Không trình Hội đồng biểu quyết trong đợt xét này.',
    });
    expect(failed).toMatchObject({ outcome: 'not-awarded', ground: 'Hội đồng biểu quyết 6/9 phiếu (66,7%) đồng ý, chưa đạt (cần ít nhất 8/9, từ 80% tổng số thành viên trở lên).' });
    const beyondSeats = publicOutcome({ ...results.outcomes[0]!, outcome: 'not-awarded' });
    expect(beyondSeats.ground).toContain('đạt tỷ lệ nhưng không còn suất trong chỉ tiêu');
  });

  it('the directory: addresses to the Office, and to a unit its own', () => {
    const withMail = units.map((u) => ({ ...u, emails: [`${u.unitId.toLowerCase()}@x.vn`], updatedAt: 't' }));
    expect(visibleUnits(office, withMail)).toEqual(withMail);
    expect(
      visibleUnits(vp, withMail)
        .filter((u) => u.emails)
        .map((u) => u.unitId),
    ).toEqual(['VP', 'VP-TH']);
    expect(visibleUnits(viewer, withMail).some((u) => u.emails)).toBe(false);
    const groups = [{ code: 'LD', name: 'Lãnh đạo', kind: 'email' as const, emails: ['gd@x.vn'], updatedAt: 't' }];
    expect(visibleGroups(office, groups)).toEqual(groups);
    expect(visibleGroups(council, groups)).toEqual([{ code: 'LD', name: 'Lãnh đạo', kind: 'email', updatedAt: 't' }]);
  });
});

describe('the proposal', () => {
  it('is the Office’s and the Council’s, and nobody else’s', () => {
    const p = { decisions: [] };
    expect(visibleProposal(audienceOf({ roles: ['admin'] }), p)).toBe(p);
    expect(visibleProposal(audienceOf({ roles: ['council'] }), p)).toBe(p);
    expect(() => visibleProposal(audienceOf({ roles: ['unit'], unitId: 'VP' }), p)).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => visibleProposal(audienceOf({ roles: ['viewer'] }), p)).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });
});
