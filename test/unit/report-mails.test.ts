import { canThoTable, canThoWorkedReport } from '../../seed/scoring-table-can-tho';
import { seedCampaign } from '../../seed/launch-letter-2023';
import { scoreReport } from '../../shared/domain/scoring';
import { FOOTER } from '../../shared/mail/layout';
import { REPORT_PERIOD_LABEL, renderReportAcknowledgement, renderReportOfficeNotice, renderReportReminder, type ReportReceipt } from '../../shared/mail/report-mails';
import { Campaign, CampaignInput } from '../../shared/schemas/campaign';
import type { Unit } from '../../shared/schemas/directory';
import type { UnitReport } from '../../shared/schemas/scoring';
import { visible } from './visible-text';

const campaign: Campaign = Campaign.parse({
  ...CampaignInput.parse({ ...seedCampaign, scoringTable: canThoTable }),
  id: 'c-2023',
  agencyId: 'default',
  status: 'issued',
  version: 2,
  createdAt: '2023-03-01T02:00:00.000Z',
  createdBy: 'admin',
});

const unit: Unit = { unitId: 'VP', name: 'Văn phòng Sở', emails: ['vanphong@example.org'], updatedAt: '2023-03-01T02:00:00.000Z' };
const report: UnitReport = { ...canThoWorkedReport, unitId: 'VP' };
const scored = scoreReport(canThoTable, report);

/** 07:05 UTC is 14:05 in Vietnam (UTC+7). */
const RECEIVED_AT = '2023-11-20T07:05:00.000Z';
const RECEIVED_VN = '14 giờ 05, ngày 20/11/2023';
const DEADLINE = campaign.deadlines.reports!; // '2023-11-30T17:00:00+07:00'
const DEADLINE_VN = '17 giờ 00, ngày 30/11/2023';

const receipt: ReportReceipt = { campaign, unit, report, scored, table: canThoTable, receivedAt: RECEIVED_AT, resubmission: false };
const ack = renderReportAcknowledgement({ ...receipt, deadline: DEADLINE });
const notice = renderReportOfficeNotice(receipt);
const reminder = renderReportReminder({ campaign, unit, period: 'final', deadline: DEADLINE });

const CRITERION_NAMES = canThoTable.sections.flatMap((s) => s.criteria.map((c) => c.name));
const TAG = /<\/?[a-z][^>]*>/i;

describe('the worked Cần Thơ report', () => {
  test('scores 97,20 of 115 (docs/legal-sources.md §3.2)', () => {
    expect(scored.selfTotal).toBe(9720);
    expect(scored.maxTotal).toBe(11500);
  });
});

describe('subjects', () => {
  test('acknowledgement', () => {
    expect(ack.subject).toBe('[15/KH-SNgV] Xác nhận đã nhận báo cáo tổng kết của Văn phòng Sở');
  });
  test('office notice', () => {
    expect(notice.subject).toBe('[15/KH-SNgV] Văn phòng Sở đã nộp báo cáo tổng kết');
  });
  test('reminder', () => {
    expect(reminder.subject).toBe('[15/KH-SNgV] Nhắc nộp báo cáo tổng kết (hạn 17 giờ 00, ngày 30/11/2023)');
  });
  test('mid-year reports are "sơ kết"', () => {
    expect(REPORT_PERIOD_LABEL).toEqual({ 'mid-year': 'sơ kết', final: 'tổng kết' });
    const midReport: UnitReport = { ...report, period: 'mid-year' };
    const mid = renderReportAcknowledgement({ ...receipt, report: midReport, scored: scoreReport(canThoTable, midReport) });
    expect(mid.subject).toBe('[15/KH-SNgV] Xác nhận đã nhận báo cáo sơ kết của Văn phòng Sở');
    expect(renderReportReminder({ campaign, unit, period: 'mid-year', deadline: '2023-06-15T17:00:00+07:00' }).subject).toBe('[15/KH-SNgV] Nhắc nộp báo cáo sơ kết (hạn 17 giờ 00, ngày 15/6/2023)');
  });
  test('a unit name with a line break cannot add a header', () => {
    const evil = { ...unit, name: 'Phòng A\r\nBcc: x@example.org' };
    for (const m of [
      renderReportAcknowledgement({ ...receipt, unit: evil }),
      renderReportOfficeNotice({ ...receipt, unit: evil }),
      renderReportReminder({ campaign, unit: evil, period: 'final', deadline: DEADLINE }),
    ]) {
      expect(m.subject).not.toMatch(/[\r\n]/);
      expect(m.text).toContain('Phòng A Bcc: x@example.org');
    }
  });
});

describe('acknowledgement to the unit', () => {
  test.each([
    ['html', () => visible(ack.html)],
    ['text', () => ack.text],
  ])('%s part: campaign, period, received time, rating, total, deadline', (_, part) => {
    const s = part();
    expect(s).toContain('15/KH-SNgV');
    expect(s).toContain('Phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị năm 2023');
    expect(s).toContain('XÁC NHẬN ĐÃ NHẬN BÁO CÁO TỔNG KẾT');
    expect(s).toContain(`lúc ${RECEIVED_VN}`);
    expect(s).toContain('Hoàn thành tốt nhiệm vụ');
    expect(s).toContain('Tổng điểm tự chấm: 97,20 / 115 điểm');
    expect(s).toContain(`Đơn vị có thể gửi lại báo cáo tổng kết đến ${DEADLINE_VN}`);
    expect(s).toContain('Đây là lần đầu đơn vị gửi báo cáo tổng kết');
    expect(s).not.toContain('thay thế báo cáo tổng kết đơn vị đã gửi trước đó');
  });

  test.each([
    ['html', () => visible(ack.html)],
    ['text', () => ack.text],
  ])('%s part: every criterion with its value, points and explanation, and the subtotals', (_, part) => {
    const s = part();
    for (const name of CRITERION_NAMES) expect(s).toContain(name);
    for (const c of scored.criteria) expect(s).toContain(c.self.explanation);
    // c2: 440/500 → 35,20 of 40; c5_1 false; c5_3 true; c1 with its three evidence files.
    expect(s).toContain('440/500');
    expect(s).toContain('35,20/40');
    expect(s).toContain('Không đạt');
    expect(s).toContain('45/50');
    expect(s).toContain('3 minh chứng');
    expect(s).toContain('Cộng mục I: 89,20/100 điểm');
    expect(s).toContain('Cộng mục II: 8,00/15 điểm');
    expect(s).toContain('97,20/115');
  });

  test('criteria appear in the table’s order', () => {
    let from = 0;
    for (const name of CRITERION_NAMES) {
      const at = ack.text.indexOf(name, from);
      expect(at).toBeGreaterThanOrEqual(from);
      from = at + name.length;
    }
  });

  test('resubmission says it replaces the earlier report', () => {
    const again = renderReportAcknowledgement({ ...receipt, resubmission: true, deadline: DEADLINE });
    expect(again.subject).toBe('[15/KH-SNgV] Xác nhận đã nhận báo cáo tổng kết (nộp lại) của Văn phòng Sở');
    expect(again.text).toContain('Báo cáo này được nộp lại và thay thế báo cáo tổng kết đơn vị đã gửi trước đó.');
    expect(visible(again.html)).toContain('Báo cáo này được nộp lại và thay thế báo cáo tổng kết đơn vị đã gửi trước đó.');
    expect(again.text).not.toContain('Đây là lần đầu');
  });

  test('no deadline, no resubmission sentence', () => {
    const m = renderReportAcknowledgement(receipt);
    expect(m.text).not.toContain('có thể gửi lại');
    expect(m.text).not.toContain('thời hạn');
  });

  test('a report received after the deadline says so instead of inviting a resubmission', () => {
    const late = renderReportAcknowledgement({ ...receipt, receivedAt: '2023-11-30T10:00:01Z', deadline: DEADLINE });
    expect(late.text).toContain('lúc 17 giờ 00, ngày 30/11/2023');
    expect(late.text).toContain(`Báo cáo được nhận sau thời hạn gửi báo cáo tổng kết (${DEADLINE_VN}).`);
    expect(late.text).not.toContain('có thể gửi lại');
  });

  test('received time is read in Vietnam across midnight UTC', () => {
    const m = renderReportAcknowledgement({ ...receipt, receivedAt: '2023-11-20T18:30:00Z' });
    expect(m.text).toContain('lúc 01 giờ 30, ngày 21/11/2023');
  });

  test('refuses a scoring of another unit or another table', () => {
    expect(() => renderReportAcknowledgement({ ...receipt, unit: { ...unit, unitId: 'TTR' } })).toThrow(/same unit/);
    const otherTable = { ...canThoTable, sections: canThoTable.sections.slice(0, 1), tieBreak: ['c2'] };
    expect(() => renderReportAcknowledgement({ ...receipt, table: otherTable })).toThrow(/not of this table/);
  });
});

describe('notice to the Office', () => {
  test.each([
    ['html', () => visible(notice.html)],
    ['text', () => notice.text],
  ])('%s part: who, when, total, rating, every criterion', (_, part) => {
    const s = part();
    expect(s).toContain(`Đơn vị Văn phòng Sở đã nộp báo cáo tổng kết lúc ${RECEIVED_VN}; tổng điểm tự chấm 97,20/115 điểm; xếp loại tự đánh giá: Hoàn thành tốt nhiệm vụ.`);
    expect(s).toContain('15/KH-SNgV');
    for (const name of CRITERION_NAMES) expect(s).toContain(name);
    expect(s).toContain('35,20/40');
  });

  test('resubmission', () => {
    const again = renderReportOfficeNotice({ ...receipt, resubmission: true });
    expect(again.subject).toBe('[15/KH-SNgV] Văn phòng Sở đã nộp lại báo cáo tổng kết');
    expect(again.text).toContain(`Đơn vị Văn phòng Sở đã nộp lại báo cáo tổng kết lúc ${RECEIVED_VN} (thay thế báo cáo đã nộp trước đó)`);
  });

  test('is shorter than the acknowledgement', () => {
    expect(notice.text.length).toBeLessThan(ack.text.length);
  });
});

describe('reminder', () => {
  test.each([
    ['html', () => visible(reminder.html)],
    ['text', () => reminder.text],
  ])('%s part: the polite request with the deadline', (_, part) => {
    const s = part();
    expect(s).toContain('Kính gửi: Văn phòng Sở');
    expect(s).toContain(`Đề nghị Văn phòng Sở gửi báo cáo tổng kết, kèm số liệu tự chấm điểm theo bảng điểm của phong trào, trước ${DEADLINE_VN}`);
    expect(s).toContain('15/KH-SNgV');
    expect(s).toContain('Phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị năm 2023');
  });

  test('shows a UTC deadline in Vietnam time', () => {
    const m = renderReportReminder({ campaign, unit, period: 'final', deadline: '2023-11-30T10:00:00Z' });
    expect(m.subject).toBe(`[15/KH-SNgV] Nhắc nộp báo cáo tổng kết (hạn ${DEADLINE_VN})`);
    expect(m.text).toContain(`trước ${DEADLINE_VN}`);
    expect(visible(m.html)).toContain(`trước ${DEADLINE_VN}`);
    // 23:30 UTC is already the next day in Vietnam.
    expect(renderReportReminder({ campaign, unit, period: 'final', deadline: '2023-11-29T23:30:00Z' }).subject).toContain('hạn 06 giờ 30, ngày 30/11/2023');
  });

  test('without a scoring table it asks for the report alone', () => {
    const { scoringTable: _, ...bare } = campaign;
    const m = renderReportReminder({ campaign: bare, unit, period: 'final', deadline: DEADLINE });
    expect(m.text).toContain(`Đề nghị Văn phòng Sở gửi báo cáo tổng kết trước ${DEADLINE_VN}`);
  });

  test('refuses a deadline without an offset (it would move with the server)', () => {
    expect(() => renderReportReminder({ campaign, unit, period: 'final', deadline: '2023-11-30T17:00:00' })).toThrow(RangeError);
  });
});

describe('every mail', () => {
  const all = { ack, notice, reminder };

  test.each(Object.entries(all))('%s: text part is plain, with the footer after the signature delimiter', (_, m) => {
    expect(m.text).not.toMatch(TAG);
    expect(m.text).not.toContain('&amp;');
    expect(m.text.endsWith(`\n-- \n${FOOTER}\n`)).toBe(true);
  });

  test.each(Object.entries(all))('%s: HTML part is a UTF-8 Vietnamese document with the footer', (_, m) => {
    expect(m.html).toMatch(/^<!doctype html>\n<html lang="vi">/);
    expect(m.html).toContain('<meta charset="utf-8">');
    expect(m.html).toContain(FOOTER);
    expect(m.html).toContain(`<title>${m.subject}</title>`);
    expect(m.html.normalize('NFC')).toBe(m.html);
  });

  test('a hostile unit, campaign, table and evidence text are escaped in the HTML part', () => {
    const hostile = '<script>alert("x")</script> & <img src=x onerror=\'y\'>';
    const evilUnit = { ...unit, unitId: 'EVIL', name: `Phòng ${hostile}` };
    const evilCampaign = { ...campaign, title: `Phong trào ${hostile}`, issuingBody: `Sở ${hostile}` };
    const evilTable = {
      ...canThoTable,
      legalBasis: `Căn cứ ${hostile}`,
      sections: canThoTable.sections.map((s) => ({
        ...s,
        name: `${s.name} ${hostile}`,
        criteria: s.criteria.map((c) => ({ ...c, name: `${c.name} ${hostile}`, ...(c.evidenceRequired ? { evidenceRequired: hostile } : {}) })),
      })),
    };
    // Without evidence the gated criterion's explanation quotes evidenceRequired.
    const evilReport: UnitReport = { ...report, unitId: 'EVIL', evidence: {} };
    const evilScored = scoreReport(evilTable, evilReport);
    const r: ReportReceipt = { campaign: evilCampaign, unit: evilUnit, report: evilReport, scored: evilScored, table: evilTable, receivedAt: RECEIVED_AT, resubmission: false };
    const mails = [
      renderReportAcknowledgement({ ...r, deadline: DEADLINE }),
      renderReportOfficeNotice(r),
      renderReportReminder({ campaign: evilCampaign, unit: evilUnit, period: 'final', deadline: DEADLINE }),
    ];
    for (const m of mails) {
      expect(m.html).not.toContain('<script');
      expect(m.html).not.toContain('<img');
      expect(m.html).not.toContain('"x"');
      expect(m.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=&#39;y&#39;&gt;');
      // The text part carries the name as it is: it is not HTML.
      expect(m.text).toContain(`Phòng ${hostile}`);
    }
    // And the escaped strings still read back to the originals.
    expect(visible(mails[0]!.html)).toContain(`Phòng ${hostile}`);
    expect(visible(mails[0]!.html)).toContain(`Chưa có minh chứng (${hostile}) nên 0,00 điểm`);
  });
});
