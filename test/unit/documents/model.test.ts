import { signatureOf } from '../../../shared/documents/model';
import { documentNumber, documentType } from '../../../shared/documents/number';
import { blockHtml, blockText, letterFootText } from '../../../shared/mail/layout';

/** The signing forms of NĐ 30/2020 Phụ lục I mục II.9, and the table block both drawings share. */

describe('signing forms', () => {
  it.each([
    ['in the head’s own name', { name: 'Trịnh Tuyết Mai', position: 'Giám đốc' }, ['GIÁM ĐỐC']],
    ['KT. (a deputy for the head)', { name: 'Hoàng Văn Tùng', position: 'Phó Giám đốc', onBehalf: { form: 'KT' as const, of: 'Giám đốc' } }, ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']],
    ['TL. (by the head’s order)', { name: 'Lê Thị Hoa', position: 'Chánh Văn phòng', onBehalf: { form: 'TL' as const, of: 'Giám đốc' } }, ['TL. GIÁM ĐỐC', 'CHÁNH VĂN PHÒNG']],
    ['TM. (for a collective body)', { name: 'Trịnh Tuyết Mai', position: 'Chủ tịch', onBehalf: { form: 'TM' as const, of: 'Hội đồng' } }, ['TM. HỘI ĐỒNG', 'CHỦ TỊCH']],
    ['Q. (acting head)', { name: 'Nông Văn Bình', position: 'Giám đốc', onBehalf: { form: 'Q' as const } }, ['Q. GIÁM ĐỐC']],
    ['a position typed on two lines', { name: 'A', position: 'KT. Giám đốc\nPhó Giám đốc' }, ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']],
  ])('%s', (_, signer, lines) => {
    expect(signatureOf(signer)).toEqual({ lines, name: signer.name });
    // The mail's text part signs the same way.
    const text = letterFootText(signer, ['- Lưu: VT, VP.']).map((l) => l.trim());
    for (const l of lines) expect(text).toContain(l);
  });
});

describe('document numbers', () => {
  it('reads the type from the ký hiệu', () => {
    expect(documentType(documentNumber('05/QĐ-SNgV'))).toBe('QĐ');
    expect(documentType(documentNumber('86/2025/QĐ-UBND'))).toBe('QĐ');
    expect(documentType(documentNumber('02/BB-HĐTĐKT'))).toBe('BB');
  });
});

describe('a table block in the mail', () => {
  const table = {
    kind: 'table' as const,
    columns: [
      { header: 'STT', width: 30, align: 'center' as const },
      { header: 'Họ và tên', width: '*' as const },
    ],
    rows: [{ group: 'I. Danh hiệu “Lao động tiên tiến”' }, { cells: ['1', '<script>alert(1)</script>'], detail: 'Nhận xét: <b>đạt</b>' }],
  };

  it('escapes every cell, group and detail in the HTML part', () => {
    const html = blockHtml(table).toString();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('Nhận xét: &lt;b&gt;đạt&lt;/b&gt;');
    expect(html).toContain('colspan="2"');
  });

  it('prints the same rows in the text part', () => {
    expect(blockText(table)).toEqual(['STT | Họ và tên', 'I. Danh hiệu “Lao động tiên tiến”', '1 | <script>alert(1)</script>', '    Nhận xét: <b>đạt</b>', '']);
  });
});
