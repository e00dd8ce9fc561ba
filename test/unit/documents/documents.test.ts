import { awardDecisionDocument } from '../../../shared/documents/award-decision';
import { councilMinutesDocument } from '../../../shared/documents/council-minutes';
import type { OfficialDocument } from '../../../shared/documents/model';
import { documentNumber } from '../../../shared/documents/number';
import { renderPdf } from '../../../shared/documents/pdf';
import { superiorSubmissionDocument } from '../../../shared/documents/superior-submission';
import type { Outcome } from '../../../shared/domain/results';
import { renderProposalMail, renderResultsLetter } from '../../../shared/mail/result-mails';
import { CLOSED_AT, DIACRITICS, NHUNG, campaign, names, noiNhan, outcomes, proposal, tally, unitNames } from './fixtures';
import { flatText, readPdf, type PdfReading } from './read-pdf';
import { samples } from './samples';

/** Each document type read back from its PDF: its parts in order, its number, the sentences of the domain it reuses. */

const AT = new Date('2024-12-20T03:00:00Z');
const docs = samples();
const read = async (name: keyof typeof docs | string): Promise<PdfReading> => readPdf(await renderPdf(docs[name] as never, { createdAt: AT }));

function inOrder(text: string, parts: readonly string[]) {
  let from = -1;
  const missing: string[] = [];
  for (const p of parts) {
    const at = text.indexOf(p, from + 1);
    if (at <= from) missing.push(p);
    else from = at;
  }
  expect(missing).toEqual([]);
}

describe('the results notice', () => {
  it('prints the registered number (never the mail’s draft), the notice as the mail says it, KT. GIÁM ĐỐC over PHÓ GIÁM ĐỐC', async () => {
    const text = flatText(await read('results-notice'));
    inOrder(text, [
      'Số: 07/TB-SNgV',
      'THÔNG BÁO',
      'Kết quả bình xét thi đua, khen thưởng',
      'I. KẾT QUẢ CHUNG',
      'II. DANH SÁCH ĐƯỢC KHEN THƯỞNG',
      `- ${NHUNG} - Phòng Hợp tác quốc tế`,
      'III. DANH SÁCH ĐỀ NGHỊ CẤP TRÊN XÉT TẶNG',
      'Nơi nhận:',
      '- Lưu: VT, VP.',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Hoàng Văn Tùng',
    ]);
    expect(text).not.toMatch(/Số:\s+\/TB/);
    // The same sentences as the mail: one text, two drawings.
    const mail = renderResultsLetter({ campaign, outcomes, unitNames, nơiNhận: noiNhan, finalizedAt: '2024-12-20T10:00:00+07:00' }).text.replace(/\s+/g, ' ');
    const counts = /Tổng số hồ sơ được xét: [^.]*\./.exec(mail)?.[0];
    expect(counts).toBeDefined();
    expect(text).toContain(counts);
  });
});

describe('the Tờ trình to the Council', () => {
  it('carries the proposal: rule set and bases, counts, standings with names and points, ties, quotas, every dossier with its checks', async () => {
    const text = flatText(await read('council-submission'));
    const mail = renderProposalMail({ campaign, proposal, unitNames, closedAt: CLOSED_AT }).text.replace(/\s+/g, ' ');
    inOrder(text, [
      'SỞ NGOẠI VỤ',
      'VĂN PHÒNG',
      'Số: 12/TTr-VP',
      'TỜ TRÌNH',
      'Kính gửi: Hội đồng Thi đua - Khen thưởng Sở Ngoại vụ.',
      'Bộ quy tắc áp dụng: vn-2024',
      '- Luật Thi đua, khen thưởng số 06/2022/QH15;',
      'Tổng hợp: 10 hồ sơ',
      'KẾT QUẢ XẾP HẠNG CÁC ĐƠN VỊ',
      'Văn phòng Sở 97,20',
      'CÁC TRƯỜNG HỢP ĐỒNG HẠNG TRÌNH HỘI ĐỒNG BIỂU QUYẾT',
      'CHỈ TIÊU KHEN THƯỞNG',
      'DANH SÁCH HỒ SƠ VÀ ĐỀ XUẤT',
      'Lê Văn Cường',
      'Tiêu chuẩn, điều kiện chưa đạt:',
      'chưa đủ 6 tháng',
      'Thông tư số 01/2024/TT-BNV',
      'CHÁNH VĂN PHÒNG',
      'Lê Thị Hoa',
    ]);
    for (const sentence of [/Tổng hợp: [^.]*\./, /Hệ thống đã xét [^;]*;/]) expect(text).toContain(sentence.exec(mail)?.[0]);
  });
});

const standingsTie = proposal.ties.find((t) => t.id === 'standings:2')?.sentence ?? 'missing tie';

describe('the Biên bản of the Council', () => {
  it('states the meeting, the quorum and its rule, each tally against its threshold over all members, the ties and how they were broken', async () => {
    const text = flatText(await read('council-minutes'));
    inOrder(text, [
      'HỘI ĐỒNG THI ĐUA - KHEN',
      'Số: 02/BB-HĐTĐKT',
      'BIÊN BẢN',
      'Vào hồi 08 giờ 00, ngày 18 tháng 12 năm 2024',
      'I. THÀNH PHẦN',
      'Chủ trì: Trịnh Tuyết Mai',
      tally.quorum.sentence,
      'II. KẾT QUẢ BIỂU QUYẾT',
      'tổng số 9 thành viên Hội đồng',
      'Trần Thị Bình (Văn phòng Sở)',
      '8/9 (88,9%) ≥ 80% (8/9) Đạt',
      '7/9 (77,8%) ≥ 80% (8/9) Chưa đạt',
      'Tỷ lệ cần đạt:',
      'khoản 7 Điều 30 Nghị định số 98/2023/NĐ-CP',
      'III. CÁC TRƯỜNG HỢP ĐỒNG HẠNG',
      standingsTie.slice(0, 60),
      'Hội đồng xếp Phòng Hợp tác quốc tế, Phòng Lãnh sự theo thứ tự này',
      'Ghi chú: Phòng Hợp tác quốc tế có nhiều sáng kiến',
      'không bỏ phiếu lựa chọn riêng',
      'IV. KẾT LUẬN',
      '6/7 trường hợp đạt tỷ lệ biểu quyết',
      'THƯ KÝ',
      'Lê Thị Hoa',
      'CHỦ TRÌ',
      'Trịnh Tuyết Mai',
    ]);
    // The secret ballot where NĐ 98/2023 Art 30.7 requires it (CSTĐCS).
    expect(text).toContain('Chiến sĩ thi đua cơ sở (bỏ phiếu kín)');
  });

  it('signs with the secretary on the left and the chair on the right, level', async () => {
    const r = await read('council-minutes');
    const last = r.pages.at(-1)?.items ?? [];
    const secretary = last.find((i) => i.str.includes('THƯ KÝ'));
    const chair = last.find((i) => i.str.includes('CHỦ TRÌ'));
    expect(secretary && chair && secretary.x < chair.x && Math.abs(secretary.y - chair.y) < 1).toBe(true);
  });

  it('names every nomination in the tally, never by its id', () => {
    const doc = councilMinutesDocument({
      campaign,
      tally,
      names,
      number: documentNumber('03/BB-HĐTĐKT'),
      meeting: { date: '2024-12-18', venue: 'Sở Ngoại vụ', chair: { name: 'A', position: 'Chủ tịch' }, secretary: { name: 'B', position: 'Thư ký' } },
    });
    const table = doc.blocks.find((b) => b.kind === 'table');
    const cells = table && table.kind === 'table' ? table.rows.flatMap((r) => ('cells' in r ? [r.cells[1]] : [])) : [];
    expect(cells).toHaveLength(tally.results.length);
    for (const c of cells) expect(Object.values(names)).toContain(c);
  });
});

describe('the Quyết định khen thưởng', () => {
  it('decides only what the agency may award, in articles, and lists it in the annex on its own page', async () => {
    const r = await read('award-decision');
    const text = flatText(r);
    inOrder(text, [
      'Số: 05/QĐ-SNgV',
      'QUYẾT ĐỊNH',
      'Về việc khen thưởng',
      'GIÁM ĐỐC SỞ NGOẠI VỤ',
      'Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;',
      'Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng số 02/BB-HĐTĐKT ngày 18 tháng 12 năm 2024;',
      'Theo đề nghị của Chánh Văn phòng Sở.',
      'QUYẾT ĐỊNH:',
      'Điều 1.',
      'Công nhận danh hiệu “Lao động tiên tiến” cho 1 cá nhân;',
      'Điều 2.',
      'Điều 3.',
      'chịu trách nhiệm thi hành Quyết định này./.',
      'Nơi nhận:',
      '- Như Điều 3;',
      '- Lưu: VT, VP.',
      'GIÁM ĐỐC',
      'Trịnh Tuyết Mai',
      'DANH SÁCH',
      '(Kèm theo Quyết định số 05/QĐ-SNgV ngày 20 tháng 12 năm 2024 của Giám đốc Sở Ngoại vụ)',
      'STT Họ và tên / Tập thể Đơn vị',
      'I. Danh hiệu “Lao động tiên tiến” (1 cá nhân)',
      `1 ${NHUNG} Phòng Hợp tác quốc tế`,
    ]);
    // Bằng khen of the Chairman is proposed upward (Law 2022 Art 80.1), never decided here.
    expect(text).not.toContain('Người Một');
    expect(text).not.toContain('Bằng khen của Chủ tịch');
    // The annex starts a page.
    const annexPage = r.pages.findIndex((p) => p.text.includes('DANH SÁCH'));
    expect(annexPage).toBeGreaterThan(0);
    expect(r.pages[annexPage - 1]?.text).toContain('Trịnh Tuyết Mai');
  });

  it('a 300-row annex runs over several pages, the header row repeated at the top of each, rows never split', async () => {
    const many: Outcome[] = Array.from({ length: 300 }, (_, i) => ({
      ...(outcomes.find((o) => o.nominationId === 'l3') as Outcome),
      nominationId: `n${i + 1}`,
      nominee: { kind: 'individual', unitId: 'HT', name: `${NHUNG} ${String(i + 1).padStart(3, '0')}` },
    }));
    const doc = awardDecisionDocument({
      campaign,
      outcomes: many,
      unitNames,
      number: documentNumber('06/QĐ-SNgV'),
      date: '2024-12-20',
      agencyName: 'Sở Ngoại vụ',
      legalBasis: proposal.legalBasis,
      noiNhan: [{ name: 'Như Điều 3' }, { name: 'Lưu: VT, VP' }],
    });
    const r = readPdf(await renderPdf(doc, { createdAt: AT }));
    const first = r.pages.findIndex((p) => p.text.includes('DANH SÁCH'));
    const annex = r.pages.slice(first);
    expect(annex.length).toBeGreaterThanOrEqual(5);
    for (const [i, p] of annex.entries()) {
      const lines = p.items.filter((it) => it.str.trim() !== '');
      // Below the page number, the first thing on every continuation page is the header row.
      const top = i === 0 ? lines.find((it) => it.str === 'STT') : lines.filter((it) => it.str.trim() !== String(first + i + 1))[0];
      expect(top?.str).toBe('STT');
      expect(p.text).toContain('Họ và tên / Tập thể');
    }
    const text = flatText(r);
    expect(text).toContain('cho 300 cá nhân');
    for (const n of [1, 150, 300]) expect(text).toContain(`${n} ${NHUNG} ${String(n).padStart(3, '0')} Phòng Hợp tác quốc tế`);
    expect(text.normalize('NFC')).toBe(text);
  });

  it('refuses a decision with nothing to award', () => {
    expect(() =>
      awardDecisionDocument({
        campaign,
        outcomes: outcomes.filter((o) => o.outcome !== 'awarded'),
        unitNames,
        number: documentNumber('07/QĐ-SNgV'),
        date: '2024-12-20',
        legalBasis: [],
        noiNhan: [],
      }),
    ).toThrow(/không có trường hợp nào được khen thưởng/);
  });
});

describe('the Tờ trình đề nghị to the superior', () => {
  it('forwards the proposed titles to their decider with the vote and the ground, signed KT.', async () => {
    const text = flatText(await read('superior-submission'));
    inOrder(text, [
      'Số: 18/TTr-SNgV',
      'TỜ TRÌNH',
      'Về việc đề nghị Chủ tịch Ủy ban nhân dân tỉnh xét tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
      'Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh.',
      'Căn cứ văn bản số 15/KH-SNgV',
      'I. Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (2 cá nhân)',
      '1 Người Một Văn phòng Sở 9/9 (cần 5)',
      '2 Người Ba Phòng Hợp tác quốc tế 7/9 (cần 5)',
      'không thuộc thẩm quyền quyết định của Thủ trưởng cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh theo khoản 1 Điều 80 Luật Thi đua, khen thưởng số 06/2022/QH15',
      '- Ban Thi đua - Khen thưởng, Sở Nội vụ (để thẩm định);',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Hoàng Văn Tùng',
    ]);
    // Only the proposed: the awarded and the refused are not forwarded.
    expect(text).not.toContain(NHUNG);
    expect(text).not.toContain('Người Hai');
  });

  it('refuses to address two deciders in one Tờ trình, and an empty one', () => {
    const p = outcomes.find((o) => o.outcome === 'proposed') as Outcome;
    const other: Outcome = { ...p, nominationId: 'x', proposedTo: { ...(p.proposedTo as NonNullable<Outcome['proposedTo']>), label: 'Thủ tướng Chính phủ' } };
    const base = { campaign, unitNames, number: documentNumber('19/TTr-SNgV'), date: '2024-12-22', noiNhan: [] };
    expect(() => superiorSubmissionDocument({ ...base, outcomes: [p, other] })).toThrow(/một cấp có thẩm quyền/);
    expect(() => superiorSubmissionDocument({ ...base, outcomes: outcomes.filter((o) => o.outcome !== 'proposed') })).toThrow(/không có trường hợp nào/);
  });
});

describe('the diacritics of a name', () => {
  it('survive every document they appear in', async () => {
    const doc = docs['results-notice'] as OfficialDocument;
    const r = readPdf(await renderPdf({ ...doc, blocks: [...doc.blocks, { kind: 'para', spans: [{ text: DIACRITICS }], indent: true }] }, { createdAt: AT }));
    expect(flatText(r)).toContain(DIACRITICS);
  });
});
