import { seedCampaign, seedDirectory } from '../../seed/launch-letter-2023';
import { tallyCouncilVote } from '../../shared/domain/council';
import { resolveRecipients } from '../../shared/domain/recipients';
import { finalizeResults } from '../../shared/domain/results';
import { formatDeadline } from '../../shared/domain/vn-date';
import { ATTACHMENTS_TITLE, DOWNLOAD_AGAIN, addresseeOf, documentRef } from '../../shared/mail/cover-note';
import { QUOC_HIEU, type NoiNhanEntry } from '../../shared/mail/layout';
import { renderLetter, renderLetterCoverNote } from '../../shared/mail/letter';
import { PROPOSAL_TIES_LEAD } from '../../shared/mail/proposal-mail';
import { renderProposalCoverNote, renderProposalMail, renderProposalMailFor, renderResultsLetter, renderResultsMail } from '../../shared/mail/result-mails';
import { resultsCounts } from '../../shared/mail/results-notice';
import { Campaign, CampaignInput } from '../../shared/schemas/campaign';
import { DATES, nom, person, run } from './decide.fixtures';
import { visible } from './visible-text';

/*
 * The cover notes (issue 12): when a document travels as its PDF, the mail names it (kind, number, date), lists the
 * attachment, says what the recipient must act on and where to download it again; the document is the attachment.
 * Without a PDF the mail is the document, whole.
 */

const campaign: Campaign = Campaign.parse({
  ...CampaignInput.parse(seedCampaign),
  id: 'c-2023',
  agencyId: 'default',
  status: 'issued',
  version: 2,
  createdAt: '2023-03-01T02:00:00.000Z',
  createdBy: 'admin',
});
const directory = {
  groups: seedDirectory.groups.map((g) => ({ ...g, emails: g.emails ?? [] })),
  units: seedDirectory.units,
} as unknown as Parameters<typeof resolveRecipients>[2];
const recipients = resolveRecipients(campaign.recipientGroups, campaign.participatingUnits, directory).emails;
const noiNhan: NoiNhanEntry[] = seedDirectory.groups.map((g) => ({ name: g.name }));

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('the launch letter’s cover note', () => {
  const note = renderLetterCoverNote(campaign, { recipients, filename: '15_KH-SNgV.pdf', agencyName: 'Sở Ngoại vụ' });

  it('names the letter by kind, number, date and trích yếu, and asks the units to carry it out', () => {
    const ref = 'Kế hoạch số 15/KH-SNgV ngày 05/3/2023 về việc phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị năm 2023';
    for (const part of [flat(note.text), visible(note.html)]) {
      expect(part).toContain(`Sở Ngoại vụ gửi kèm theo ${ref}; đề nghị các cơ quan, đơn vị nghiên cứu, triển khai thực hiện.`);
      expect(part).toContain(ATTACHMENTS_TITLE);
      expect(part).toContain(`- ${ref} (tệp 15_KH-SNgV.pdf).`);
    }
  });

  it('is addressed to the Nơi nhận entries it is emailed to, and lists the deadlines the units must meet', () => {
    expect(note.text).toContain(
      'Kính gửi: Hội đồng TĐKT tỉnh; Ban TĐKT - Sở Nội vụ; Các đơn vị thành viên Cụm TĐTMTH; Lãnh đạo Sở; Hội đồng TĐKT Sở; Các phòng CM, NV thuộc Sở và Trung tâm; Các đơn vị tham gia phong trào thi đua.',
    );
    // Neither the archive nor the publication entry: they are not emailed.
    expect(note.text).not.toContain('Lưu: VT, VP');
    for (const [label, at] of [
      ['Thời hạn đăng ký thi đua', campaign.deadlines.registration],
      ['Thời hạn gửi báo cáo sơ kết, tổng kết', campaign.deadlines.reports],
      ['Thời hạn gửi hồ sơ đề nghị khen thưởng', campaign.deadlines.nominations],
    ] as const) {
      if (at) expect(note.text).toContain(`${label}: ${formatDeadline(at)}`);
    }
  });

  it('says where to download the letter again, and is signed', () => {
    for (const part of [flat(note.text), visible(note.html)]) {
      expect(part).toContain(DOWNLOAD_AGAIN);
      expect(part).toContain('GIÁM ĐỐC');
      expect(part).toContain('Trịnh Tuyết Mai');
    }
  });

  it('is a note, not the letter: no Quốc hiệu, no body; the subject is the letter’s own', () => {
    const whole = renderLetter(campaign, noiNhan);
    expect(note.subject).toBe(whole.subject);
    expect(note.text).not.toContain(QUOC_HIEU);
    expect(note.text).not.toContain(campaign.theme);
    expect(note.text.length).toBeLessThan(whole.text.length / 4);
    expect(note.text).not.toMatch(/<[a-z]/i);
  });

  it('keeps its diacritics composed (NFC), in both parts', () => {
    expect(note.text.normalize('NFC')).toBe(note.text);
    expect(note.html.normalize('NFC')).toBe(note.html);
    expect(note.text).toContain('Trịnh Tuyết Mai');
  });

  it('escapes a title and a group name in the HTML part, and prints them as they are in the text part', () => {
    const hostile = { ...campaign, title: 'Phát động <script>alert("x")</script> & thi đua' };
    const out = renderLetterCoverNote(hostile, { recipients: [{ groups: [{ code: 'X', name: '<b>Phòng</b>' }] }], filename: 'a<b>.pdf' });
    expect(out.html).not.toContain('<script>');
    expect(out.html).not.toContain('<b>');
    expect(out.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; thi đua');
    expect(out.text).toContain('về việc phát động <script>alert("x")</script> & thi đua');
    expect(out.text).toContain('Kính gửi: <b>Phòng</b>.');
    // Without the agency's name, the header's capitals read as a sentence.
    expect(out.text).toContain('Sở ngoại vụ gửi kèm theo Kế hoạch số 15/KH-SNgV');
  });
});

describe('what the notes share', () => {
  it('cites a document by the kind its number names, and its date as documents cite dates', () => {
    expect(documentRef('3/TB-SNgV', '2024-12-21', 'về kết quả')).toBe('Thông báo số 3/TB-SNgV ngày 21/12/2024 về kết quả');
    expect(documentRef('4/TTr-SNgV', '2024-02-05', 'về việc')).toBe('Tờ trình số 4/TTr-SNgV ngày 05/02/2024 về việc');
    expect(documentRef('7/QĐ-SNgV', '2024-12-21', 'x')).toBe('Quyết định số 7/QĐ-SNgV ngày 21/12/2024 x');
    expect(documentRef('7/XYZ-SNgV', '2024-12-21', 'x')).toBe('Văn bản số 7/XYZ-SNgV ngày 21/12/2024 x');
  });

  it('names each emailed entry once; a long list, or none, as the Nơi nhận of the document', () => {
    const g = (code: string) => ({ code, name: `Nhóm ${code}` });
    expect(addresseeOf([{ groups: [g('A'), g('B')] }, { groups: [g('B')] }])).toBe('Nhóm A; Nhóm B.');
    // Several participating units together, one alone by its name.
    const unit = (id: string) => ({ code: `UNIT:${id}`, name: `Phòng ${id}` });
    expect(addresseeOf([{ groups: [g('A'), unit('X')] }, { groups: [unit('Y')] }])).toBe('Nhóm A; Các đơn vị tham gia phong trào thi đua.');
    expect(addresseeOf([{ groups: [g('A'), unit('X')] }])).toBe('Nhóm A; Phòng X.');
    expect(addresseeOf([{ groups: 'ABCDEFGHI'.split('').map(g) }])).toBe('Các cơ quan, đơn vị, cá nhân có tên tại Nơi nhận của văn bản.');
    expect(addresseeOf([])).toBe('Các cơ quan, đơn vị, cá nhân có tên tại Nơi nhận của văn bản.');
  });
});

// The results and the proposal, as test/unit/result-mails.test.ts builds them.
const proposal = run({
  date: DATES.v2024,
  noms: [
    nom('c1', 'CSTDCS', person('Trần Thị Bình', { personId: 'ttb', gender: 'female', taskRating: 'HTXSNV', unitId: 'VP' })),
    nom('l1', 'LDTT', person('Lê Văn Cường', { personId: 'lvc', hireDate: '2024-10-01', unitId: 'VP' })),
    nom('l2', 'LDTT', person('Phạm Văn Dũng', { personId: 'pvd', discipline: { status: 'pending' }, unitId: 'LS' })),
  ],
  standings: [
    { unitId: 'VP', rank: 1 },
    { unitId: 'LS', rank: 2, tie: true },
    { unitId: 'HT', rank: 2, tie: true },
  ],
  options: { disciplinePrinciple: true },
});
const unitNames = { VP: 'Văn phòng Sở', LS: 'Phòng Lãnh sự', HT: 'Phòng Hợp tác quốc tế' };
const tally = tallyCouncilVote({ ruleSet: 'vn-2024', membersTotal: 9, present: 9, writtenVotes: 0, votes: [{ nominationId: 'c1', title: 'CSTDCS', yes: 8 }] });
const { outcomes } = finalizeResults({ decisions: proposal.decisions, tally, nominatingUnit: { c1: 'VP', l1: 'VP', l2: 'LS' } });
const FINALIZED_AT = '2024-12-20T18:00:00.000Z'; // ngày 21/12/2024 in Vietnam
const CLOSED_AT = '2024-12-10T10:00:00.000Z'; // 17 giờ 00, ngày 10/12/2024 in Vietnam
const resultsInput = { campaign, outcomes, unitNames, nơiNhận: noiNhan, finalizedAt: FINALIZED_AT };

describe('the results’ cover note', () => {
  const pdfs = {
    recipients,
    notice: { documentNumber: '3/TB-SNgV', filename: '3_TB-SNgV.pdf' },
    decision: { documentNumber: '5/QĐ-SNgV', filename: '5_QĐ-SNgV.pdf' },
    agencyName: 'Sở Ngoại vụ',
  };
  const note = renderResultsMail(resultsInput, pdfs);

  it('names the notice and the decision, dated the day the results were finalized in Vietnam, and lists both files', () => {
    const notice = 'Thông báo số 3/TB-SNgV ngày 21/12/2024 về kết quả bình xét thi đua, khen thưởng theo văn bản số 15/KH-SNgV';
    const decision = 'Quyết định số 5/QĐ-SNgV ngày 21/12/2024 về việc khen thưởng theo văn bản số 15/KH-SNgV';
    for (const part of [flat(note.text), visible(note.html)]) {
      expect(part).toContain(`Sở Ngoại vụ gửi kèm theo ${notice}`);
      expect(part).toContain(` và ${decision}`);
      expect(part).toContain('(tệp 3_TB-SNgV.pdf);');
      expect(part).toContain('(tệp 5_QĐ-SNgV.pdf).');
      expect(part).toContain(DOWNLOAD_AGAIN);
    }
  });

  it('gives the counts the notice gives, and names nobody: the names are in the documents', () => {
    expect(note.text).toContain(resultsCounts(outcomes));
    expect(renderResultsLetter(resultsInput).text).toContain(resultsCounts(outcomes));
    expect(note.text).not.toContain('Trần Thị Bình');
    expect(note.subject).toBe(renderResultsLetter(resultsInput).subject);
  });

  it('without a decision, names the notice alone', () => {
    const only = renderResultsMail(resultsInput, { ...pdfs, decision: undefined });
    expect(only.text).not.toContain('Quyết định số');
    expect(flat(only.text)).toContain('(tệp 3_TB-SNgV.pdf).');
  });

  it('without a PDF (results frozen before the register), the mail is the notice, whole', () => {
    expect(renderResultsMail(resultsInput)).toEqual(renderResultsLetter(resultsInput));
    expect(renderResultsMail(resultsInput).text).toContain('Trần Thị Bình');
  });
});

describe('the proposal’s cover note', () => {
  const input = { campaign, proposal, unitNames, closedAt: CLOSED_AT };
  const submission = { documentNumber: '4/TTr-SNgV', date: '2024-12-10', filename: '4_TTr-SNgV.pdf' };
  const note = renderProposalMailFor(input, { submission, agencyName: 'Sở Ngoại vụ' });

  it('is the Tờ trình’s note: its number, date and trích yếu, to the Council and the Office, with the file', () => {
    const ref = 'Tờ trình số 4/TTr-SNgV ngày 10/12/2024 về việc xét khen thưởng trong phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị năm 2023';
    for (const part of [flat(note.text), visible(note.html)]) {
      expect(part).toContain('Kính gửi: Hội đồng Thi đua - Khen thưởng; Văn phòng (cơ quan thường trực của Hội đồng).');
      expect(part).toContain('đã kết thúc lúc 17 giờ 00, ngày 10/12/2024');
      expect(part).toContain(`Sở Ngoại vụ kính trình ${ref}; đề nghị Hội đồng Thi đua - Khen thưởng xem xét, biểu quyết.`);
      expect(part).toContain(`- ${ref} (tệp 4_TTr-SNgV.pdf).`);
    }
    expect(note).toEqual(renderProposalCoverNote({ ...input, submission, agencyName: 'Sở Ngoại vụ' }));
  });

  it('gives the counts and the ties the Council must vote on; the dossiers are in the Tờ trình', () => {
    const whole = renderProposalMail(input);
    const counts = whole.text.split('\n').find((l) => l.startsWith('Tổng hợp:'))!;
    expect(note.text).toContain(counts);
    expect(proposal.ties?.length).toBeGreaterThan(0);
    expect(note.text).toContain(PROPOSAL_TIES_LEAD);
    for (const t of proposal.ties ?? []) expect(flat(note.text)).toContain(flat(t.sentence));
    expect(note.text).not.toContain('DANH SÁCH HỒ SƠ VÀ ĐỀ XUẤT');
    expect(note.subject).toBe(whole.subject);
  });

  it('without a PDF (a campaign closed before the register), the mail is the proposal, whole', () => {
    expect(renderProposalMailFor(input)).toEqual(renderProposalMail(input));
  });
});
