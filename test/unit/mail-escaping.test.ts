import { canThoTable, canThoWorkedReport } from '../../seed/scoring-table-can-tho';
import { seedCampaign, seedDirectory } from '../../seed/launch-letter-2023';
import { tallyCouncilVote } from '../../shared/domain/council';
import type { DecideResult } from '../../shared/domain/decide';
import { finalizeResults, type Outcome } from '../../shared/domain/results';
import { scoreReport } from '../../shared/domain/scoring';
import { renderBounceNotice } from '../../shared/mail/bounce-notice';
import { escapeHtml } from '../../shared/mail/escape';
import type { RenderedMail } from '../../shared/mail/layout';
import { renderLetter } from '../../shared/mail/letter';
import { renderReportAcknowledgement, renderReportOfficeNotice, renderReportReminder, type ReportReceipt } from '../../shared/mail/report-mails';
import { renderProposalMail, renderResultsLetter, renderUnitOutcomes } from '../../shared/mail/result-mails';
import { Campaign, CampaignInput } from '../../shared/schemas/campaign';
import type { ScoringTable, UnitReport } from '../../shared/schemas/scoring';
import { DATES, collective, nom, person, run } from './decide.fixtures';

/**
 * Every field a user, the directory, the scoring table or the decision engine puts into a mail, given a hostile value
 * (a tag, double and single quotes, an ampersand), each tagged with the field's name: in the HTML part each must come
 * out escaped, and in the text part as it was typed. The inputs skip the zod schemas on purpose (a số/ký hiệu could
 * not hold "<" once validated): the mails must be safe whatever reached them.
 */

/** The value a field is given: readable, then the payload; the field's name tells the failures apart. */
const hostile = (field: string) => `${field} <script>alert("${field}")</script> & 'x'`;

/** Case-insensitive, because the letterhead prints the issuing body, the parent body and the position in capitals. */
const lower = (s: string) => s.toLocaleLowerCase('vi');

/** `fields`: field name → the string as the mail prints it (by default the hostile value itself). */
function expectEscaped(mail: RenderedMail, fields: Readonly<Record<string, string>>) {
  for (const [field, value] of Object.entries(fields)) {
    // Asserted as an object so that a failure names the field.
    expect({ field, escapedInHtml: lower(mail.html).includes(lower(escapeHtml(value))) }).toEqual({ field, escapedInHtml: true });
    expect({ field, rawInHtml: lower(mail.html).includes(lower(value)) }).toEqual({ field, rawInHtml: false });
    expect({ field, intactInText: lower(mail.text).includes(lower(value)) }).toEqual({ field, intactInText: true });
  }
  expect(mail.html).not.toMatch(/<script/i);
  expect(mail.text).not.toMatch(/&(lt|gt|amp|quot|#39);/);
}

const h = (fields: string[]) => Object.fromEntries(fields.map((f) => [f, hostile(f)]));

const seed: Campaign = Campaign.parse({
  ...CampaignInput.parse({ ...seedCampaign, scoringTable: canThoTable }),
  id: 'c-2023',
  agencyId: 'default',
  status: 'issued',
  version: 2,
  createdAt: '2023-03-01T02:00:00.000Z',
  createdBy: 'admin',
});

const campaign: Campaign = {
  ...seed,
  documentNumber: hostile('documentNumber'),
  title: hostile('title'),
  issuingBody: hostile('issuingBody'),
  parentBody: hostile('parentBody'),
  place: hostile('place'),
  legalBases: [hostile('legalBasis1'), hostile('legalBasis2')],
  theme: hostile('theme'),
  slogan: hostile('slogan'),
  goals: [hostile('goal')],
  contents: [hostile('content')],
  implementation: [hostile('implementation')],
  closing: hostile('closing'),
  signer: { name: hostile('signerName'), position: hostile('signerPosition') },
};
const CAMPAIGN_FIELDS = ['documentNumber', 'title', 'issuingBody'];

const noiNhan = [{ name: hostile('noiNhanName'), purpose: hostile('noiNhanPurpose') }, ...seedDirectory.groups.slice(0, 2).map((g) => ({ name: g.name }))];
const NOI_NHAN_FIELDS = ['noiNhanName', 'noiNhanPurpose'];

describe('the launch letter', () => {
  test('every field of the campaign and of Nơi nhận', () => {
    const fields = [
      ...CAMPAIGN_FIELDS,
      ...['parentBody', 'legalBasis1', 'legalBasis2', 'theme', 'slogan', 'goal', 'content', 'implementation', 'closing', 'signerName', 'signerPosition'],
      ...NOI_NHAN_FIELDS,
    ];
    const letter = renderLetter(campaign, noiNhan);
    // The place is followed by the date: "<place>, ngày 05 tháng 3 năm 2023".
    expectEscaped(letter, { ...h(fields), place: `${hostile('place')}, ngày 05 tháng 3 năm 2023` });
  });
});

describe('the report mails', () => {
  const unit = { unitId: 'VP', name: hostile('unitName') };
  const table: ScoringTable = {
    ...canThoTable,
    legalBasis: hostile('tableLegalBasis'),
    sections: canThoTable.sections.map((s, i) => ({
      ...s,
      name: hostile(`section${i}`),
      criteria: s.criteria.map((c, k) => ({
        ...c,
        name: hostile(`criterion${i}.${k}`),
        ...(c.evidenceRequired ? { evidenceRequired: hostile(`evidence${i}.${k}`) } : {}),
      })),
    })),
  };
  // No evidence attached: a gated criterion's explanation then quotes what evidence the table requires.
  const report: UnitReport = { ...canThoWorkedReport, unitId: 'VP', evidence: {} };
  const receipt: ReportReceipt = {
    campaign,
    unit,
    report,
    scored: scoreReport(table, report),
    table,
    receivedAt: '2023-11-20T07:05:00.000Z',
    resubmission: false,
  };
  const tableFields = [
    'tableLegalBasis',
    ...table.sections.flatMap((s, i) => [`section${i}`, ...s.criteria.map((_, k) => `criterion${i}.${k}`)]),
    ...table.sections.flatMap((s, i) => s.criteria.flatMap((c, k) => (c.evidenceRequired ? [`evidence${i}.${k}`] : []))),
  ];

  test('the fixture quotes at least one evidence requirement', () => {
    expect(tableFields.filter((f) => f.startsWith('evidence')).length).toBeGreaterThan(0);
  });

  test('acknowledgement: campaign, unit, every section, criterion and evidence requirement of the table', () => {
    expectEscaped(renderReportAcknowledgement({ ...receipt, deadline: seed.deadlines.reports! }), h([...CAMPAIGN_FIELDS, 'unitName', ...tableFields]));
  });

  test('office notice: campaign, unit, the table (without its legal basis: the Office has it)', () => {
    const fields = h([...CAMPAIGN_FIELDS, 'unitName', ...tableFields.filter((f) => f !== 'tableLegalBasis')]);
    expectEscaped(renderReportOfficeNotice(receipt), fields);
  });

  test('reminder: campaign and unit', () => {
    expectEscaped(renderReportReminder({ campaign, unit, period: 'final', deadline: seed.deadlines.reports! }), h([...CAMPAIGN_FIELDS, 'unitName']));
  });
});

describe('the results mails', () => {
  const engine = run({
    date: DATES.v2024,
    noms: [
      nom('l1', 'LDTT', person('Lê Văn Cường', { personId: 'lvc', hireDate: '2024-10-01', unitId: 'VP' })),
      nom('l2', 'LDTT', person('Phạm Văn Dũng', { personId: 'pvd', unitId: 'VP' })),
      nom('t1', 'TTLDTT', collective('VP', { members: { total: 10, byRating: { HTXSNV: 2, HTTNV: 6, HTNV: 2, KHTNV: 0 }, women: 4, ldtt: 8 } })),
    ],
    options: { quotas: { BANG_KHEN_TINH: { individualsPct: 5, individualsBase: 40, source: 'Quyết định số 10/2024/QĐ-UBND' } } },
  });
  // The engine's own strings (summaries, check sentences, citations, quotas) replaced by hostile ones, as a future
  // rule that quotes a nominee's data would make them.
  const proposal: DecideResult = {
    ...engine,
    ruleSet: hostile('ruleSet') as DecideResult['ruleSet'],
    engineVersion: hostile('engineVersion'),
    inputHash: `<'&">${engine.inputHash}`,
    legalBasis: [hostile('engineLegalBasis')],
    quotas: [{ ...engine.quotas[0]!, sentence: hostile('quotaSentence') }],
    regime: { ...engine.regime, sentence: hostile('regime') },
    ties: [{ id: 'standings:1', kind: 'standings', rank: 1, seats: null, contenders: [], chain: [], citation: engine.regime.citations[0]!, sentence: hostile('tie') }],
    unverified: [{ option: 'registrationRequired', value: true, source: 'x', sentence: hostile('unverified') }],
    decisions: engine.decisions.map((d) => ({
      ...d,
      nominee: { ...d.nominee, name: hostile(`nominee-${d.nominationId}`) },
      summary: hostile(`summary-${d.nominationId}`),
      checks: d.checks.map((c) => (c.passed ? c : { ...c, sentence: hostile(`check-${d.nominationId}`), citation: { ...c.citation, document: hostile(`citation-${d.nominationId}`) } })),
    })),
  };
  // Issue 11: a refusal or deferral prints its deciding checks (each sentence names its source) instead of the summary.
  const failed = proposal.decisions.filter((d) => d.status === 'not-eligible' || d.status === 'deferred').map((d) => d.nominationId);
  const unitNames = { VP: hostile('unitName') };

  test('the fixture has a decision with a failed check, and a quota', () => {
    expect(failed.length).toBeGreaterThan(0);
    expect(engine.quotas.length).toBeGreaterThan(0);
  });

  test('proposal: campaign, unit names, nominees, summaries, failed checks and their citations, legal basis, quotas, trace', () => {
    const fields = h([
      ...CAMPAIGN_FIELDS,
      'unitName',
      'ruleSet',
      'engineVersion',
      'engineLegalBasis',
      'quotaSentence',
      ...proposal.decisions.flatMap((d) => [`nominee-${d.nominationId}`, ...(failed.includes(d.nominationId) ? [] : [`summary-${d.nominationId}`])]),
      ...failed.map((id) => `check-${id}`),
      'regime',
      'tie',
      'unverified',
    ]);
    expectEscaped(renderProposalMail({ campaign, proposal, unitNames, closedAt: '2024-12-10T10:00:00.000Z' }), {
      ...fields,
      inputHash: `<'&">${engine.inputHash}`.slice(0, 12),
    });
  });

  const tally = tallyCouncilVote({
    ruleSet: 'vn-2024',
    membersTotal: 9,
    present: 9,
    writtenVotes: 0,
    votes: engine.decisions.filter((d) => d.status === 'eligible').map((d) => ({ nominationId: d.nominationId, title: d.title, yes: 9 })),
  });
  const outcomes: Outcome[] = finalizeResults({
    decisions: engine.decisions,
    tally,
    nominatingUnit: Object.fromEntries(engine.decisions.map((d) => [d.nominationId, 'VP'])),
  }).outcomes.map((o) => ({
    ...o,
    nominee: { ...o.nominee, name: hostile(`nominee-${o.nominationId}`) },
    titleLabel: hostile(`titleLabel-${o.nominationId}`),
    reason: hostile(`reason-${o.nominationId}`),
  }));
  const awarded = outcomes.filter((o) => o.outcome === 'awarded');

  test('the fixture awards an individual and a collective, and refuses one', () => {
    expect(awarded.map((o) => o.nominee.kind).sort()).toEqual(['collective', 'individual']);
    expect(outcomes.length).toBeGreaterThan(awarded.length);
  });

  test('results notice: campaign header, signer, Nơi nhận, the awarded nominees and their units, a registered number', () => {
    const mail = renderResultsLetter({
      campaign,
      outcomes,
      unitNames,
      nơiNhận: noiNhan,
      finalizedAt: '2024-12-20T18:00:00.000Z',
      documentNumber: hostile('noticeNumber'),
    });
    const fields = h([...CAMPAIGN_FIELDS, 'parentBody', 'signerName', 'signerPosition', 'noticeNumber', ...NOI_NHAN_FIELDS, ...awarded.map((o) => `nominee-${o.nominationId}`), 'unitName']);
    expectEscaped(mail, { ...fields, place: `${hostile('place')}, ngày 21 tháng 12 năm 2024` });
  });

  test('unit outcomes: campaign, unit, every nominee with its title label and reason', () => {
    const mail = renderUnitOutcomes({ campaign, unit: { unitId: 'VP', name: hostile('unitName') }, outcomes, finalizedAt: '2024-12-20T18:00:00.000Z' });
    const fields = h([...CAMPAIGN_FIELDS, 'unitName', ...outcomes.flatMap((o) => [`nominee-${o.nominationId}`, `titleLabel-${o.nominationId}`, `reason-${o.nominationId}`])]);
    expectEscaped(mail, fields);
  });
});

describe('the bounce notice', () => {
  test.each(['bounce', 'complaint'] as const)('%s: campaign, address, detail', (kind) => {
    const mail = renderBounceNotice({ campaign, address: hostile('address'), kind, detail: hostile('detail') });
    expectEscaped(mail, h(['documentNumber', 'title', 'address', 'detail']));
  });
});
