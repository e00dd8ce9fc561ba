import { createHash } from 'node:crypto';
import { launchLetterDocument } from '../../../shared/documents/launch-letter';
import type { OfficialDocument } from '../../../shared/documents/model';
import { documentNumber, type DocumentNumber } from '../../../shared/documents/number';
import { PAGE_MARGINS_MM, renderPdf } from '../../../shared/documents/pdf';
import { QUOC_HIEU, TIEU_NGU } from '../../../shared/mail/layout';
import { DIACRITICS, campaign, noiNhan } from './fixtures';
import { flatText, pdfFonts, readPdf, type PdfReading, type TextItem } from './read-pdf';
import { samples } from './samples';

/** The page layout of NĐ 30/2020/NĐ-CP Phụ lục I, read back from the PDF (docs/documents.md). */

const MM = 72 / 25.4;
const A4 = { width: 595.28, height: 841.89 };
const AT = new Date('2024-12-20T03:00:00Z');

/** Every Vietnamese letter with every tone, both cases: what the font must carry. */
const VOWELS = 'aăâeêioôơuưy';
const TONES = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const ALPHABET = `${[...VOWELS].map((v) => [v, ...TONES.map((t) => (v + t).normalize('NFC'))].join('')).join(' ')} đ`;
const EVERY_LETTER = `${ALPHABET} ${ALPHABET.toLocaleUpperCase('vi')}`;

function letter(extra: string[] = []): OfficialDocument {
  const doc = launchLetterDocument({ campaign, noiNhan, number: documentNumber('15/KH-SNgV'), date: '2023-03-05' });
  return { ...doc, blocks: [...doc.blocks, ...extra.map((text) => ({ kind: 'para' as const, spans: [{ text }], indent: true }))] };
}

let bytes: Uint8Array;
let pdf: PdfReading;
beforeAll(async () => {
  bytes = await renderPdf(letter([DIACRITICS, EVERY_LETTER]), { createdAt: AT });
  pdf = readPdf(bytes);
});

const find = (items: readonly TextItem[], str: string) => {
  const it = items.find((i) => i.str.includes(str));
  if (!it) throw new Error(`"${str}" is not on the page`);
  return it;
};

describe('the page (Phụ lục I, mục I)', () => {
  it('is A4 portrait on every page', () => {
    expect(pdf.pages.length).toBeGreaterThan(1);
    for (const p of pdf.pages) {
      expect(p.width).toBeCloseTo(A4.width, 1);
      expect(p.height).toBeCloseTo(A4.height, 1);
    }
  });

  it('keeps the text inside the margins: left 30 mm, right 15 mm, top and bottom 20 mm', () => {
    const left = PAGE_MARGINS_MM.left * MM;
    const right = A4.width - PAGE_MARGINS_MM.right * MM;
    for (const [n, p] of pdf.pages.entries()) {
      const body = p.items.filter((i) => i.str.trim() !== '' && !(n > 0 && i.str.trim() === String(n + 1)));
      const outside = body.filter(
        (i) =>
          i.x < left - 0.5 ||
          i.x + i.width > right + 0.5 ||
          // y is the baseline: a glyph rises at most 0.9 em above it (Tinos' ascender).
          i.y + i.height * 0.9 > A4.height - PAGE_MARGINS_MM.top * MM + 0.5 ||
          i.y < PAGE_MARGINS_MM.bottom * MM - 0.5,
      );
      expect(outside.map((i) => `${i.str} @${i.x.toFixed(1)},${i.y.toFixed(1)} w${i.width.toFixed(1)}`)).toEqual([]);
      // Justified body text reaches both margins.
      expect(Math.min(...body.map((i) => i.x))).toBeCloseTo(left, 0);
    }
  });

  it('numbers the pages from the second, centred in the top margin (mục I.6)', () => {
    const top = A4.height - PAGE_MARGINS_MM.top * MM;
    expect(pdf.pages[0]?.items.some((i) => i.y > top)).toBe(false);
    for (const [n, p] of pdf.pages.entries()) {
      if (n === 0) continue;
      const num = p.items.find((i) => i.y > top && i.str.trim() !== '');
      expect(num?.str.trim()).toBe(String(n + 1));
      const centre = (PAGE_MARGINS_MM.left * MM + A4.width - PAGE_MARGINS_MM.right * MM) / 2;
      expect((num as TextItem).x + (num as TextItem).width / 2).toBeCloseTo(centre, 0);
    }
  });
});

describe('the header (mục II.1–II.6)', () => {
  it('puts the agency and its number on the left, Quốc hiệu, Tiêu ngữ and the date on the right, level with each other', () => {
    const items = pdf.pages[0]?.items ?? [];
    const parent = find(items, 'UBND TỈNH LẠNG SƠN');
    const agency = find(items, 'SỞ NGOẠI VỤ');
    const number = find(items, 'Số: 15/KH-SNgV');
    const quocHieu = find(items, QUOC_HIEU);
    const tieuNgu = find(items, TIEU_NGU);
    const date = find(items, 'Lạng Sơn, ngày 05 tháng 3 năm 2023');
    // Left column above, in order; the right column level with it.
    expect(parent.y).toBeGreaterThan(agency.y);
    expect(agency.y).toBeGreaterThan(number.y);
    expect(quocHieu.y).toBeCloseTo(parent.y, 0);
    expect(tieuNgu.y).toBeGreaterThan(date.y);
    expect(Math.abs(number.y - date.y)).toBeLessThan(2);
    expect(number.x + number.width).toBeLessThan(date.x);
    expect(agency.x + agency.width).toBeLessThan(quocHieu.x);
    // Weights and styles: agency, Quốc hiệu, Tiêu ngữ bold; the parent body and the number regular; the date italic.
    expect(agency.font).toMatch(/Tinos-Bold$/);
    expect(quocHieu.font).toMatch(/Tinos-Bold$/);
    expect(tieuNgu.font).toMatch(/Tinos-Bold$/);
    expect(parent.font).toMatch(/Tinos-Regular$/);
    expect(number.font).toMatch(/Tinos-Regular$/);
    expect(date.font).toMatch(/Tinos-Italic$/);
    expect(tieuNgu.height).toBe(14);
    expect(quocHieu.height).toBe(13);
  });

  it('then the title and the trích yếu, bold and centred, then the body at 14 pt', () => {
    const items = pdf.pages[0]?.items ?? [];
    const title = find(items, 'PHÁT ĐỘNG');
    const trichYeu = find(items, 'Phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị năm 2023');
    const date = find(items, 'Lạng Sơn, ngày');
    expect(title.y).toBeLessThan(date.y);
    expect(trichYeu.y).toBeLessThan(title.y);
    const centre = (PAGE_MARGINS_MM.left * MM + A4.width - PAGE_MARGINS_MM.right * MM) / 2;
    for (const i of [title, trichYeu]) {
      expect(i.font).toMatch(/Tinos-Bold$/);
      expect(i.x + i.width / 2).toBeCloseTo(centre, 0);
    }
    expect(find(items, 'Thực hiện').height).toBe(14);
  });
});

describe('the whole letter', () => {
  it('prints every part in order, the foot last: Nơi nhận, the archive line, the signer', () => {
    const text = flatText(pdf);
    const parts = [
      'Số: 15/KH-SNgV',
      'PHÁT ĐỘNG',
      'I. CHỦ ĐỀ PHONG TRÀO THI ĐUA',
      'II. MỤC TIÊU THI ĐUA',
      'III. NỘI DUNG PHONG TRÀO THI ĐUA',
      'IV. TỔ CHỨC THỰC HIỆN',
      'V. THỜI HẠN',
      DIACRITICS,
      'Nơi nhận:',
      '- Hội đồng TĐKT tỉnh;',
      '- Lưu: VT, VP.',
    ];
    let from = -1;
    for (const p of parts) {
      const at = text.indexOf(p, from + 1);
      expect({ part: p, found: at > from }).toEqual({ part: p, found: true });
      from = at;
    }
    // The signature column: position above the name, the name bold.
    const last = pdf.pages.at(-1)?.items ?? [];
    const position = find(last, 'GIÁM ĐỐC');
    const name = find(last, 'Trịnh Tuyết Mai');
    expect(position.y - name.y).toBeGreaterThan(25 * MM);
    expect(name.font).toMatch(/Tinos-Bold$/);
    // Nơi nhận on the left, level with the position; its entries at 11 pt.
    const label = find(last, 'Nơi nhận:');
    expect(label.x + label.width).toBeLessThan(position.x);
    expect(Math.abs(label.y - position.y)).toBeLessThan(3);
    expect(label.font).toMatch(/Tinos-BoldItalic$/);
    expect(find(last, '- Lưu: VT, VP.').height).toBe(11);
  });

  it('keeps a line break typed in a paragraph, after a held word too', async () => {
    const r = readPdf(await renderPdf(letter(['Dòng thứ nhất, số 15/KH-SNgV\nDòng thứ hai.']), { createdAt: AT }));
    const items = r.pages.flatMap((p) => p.items);
    const first = items.find((i) => i.str.includes('Dòng thứ nhất'));
    const second = items.find((i) => i.str.includes('Dòng thứ hai.'));
    expect(first && second && first.y > second.y).toBe(true);
  });

  it('keeps a number and its symbol whole in a justified line ("252/KH-UBND", never "252/ KH- UBND")', () => {
    expect(flatText(pdf)).toContain('Kế hoạch số 252/KH-UBND ngày 21/12/2022');
  });
});

describe('diacritics and the font', () => {
  it('round-trips Vietnamese text as NFC: the sentence, and every letter with every tone in both cases', () => {
    const text = flatText(pdf);
    expect(text.normalize('NFC')).toBe(text);
    expect(text).toContain(DIACRITICS);
    expect(text).toContain(EVERY_LETTER);
  });

  it('embeds Tinos, subset, and no other font (no standard-14 fallback)', () => {
    const { baseFonts, embeddedPrograms } = pdfFonts(bytes);
    expect(baseFonts.length).toBeGreaterThan(0);
    for (const f of baseFonts) expect(f).toMatch(/^[A-Z]{6}\+Tinos-(Regular|Bold|Italic|BoldItalic)$/);
    expect(embeddedPrograms).toBe(baseFonts.length);
    const used = new Set(pdf.pages.flatMap((p) => p.items.filter((i) => i.str.trim() !== '').map((i) => i.font)));
    for (const f of used) expect(baseFonts).toContain(f);
  });

  it('carries the title and the language in the metadata', () => {
    expect(pdf.info.Language).toBe('vi-VN');
    expect(pdf.info.Author).toBe('SỞ NGOẠI VỤ');
  });
});

describe('the number', () => {
  it('is required: a blank or draft number is refused before anything is drawn', () => {
    expect(() => documentNumber('')).toThrow(/không hợp lệ/);
    expect(() => documentNumber('\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0/TB-SNgV')).toThrow(/không hợp lệ/);
    expect(() => documentNumber('  /QĐ-SNgV')).toThrow(/không hợp lệ/);
    expect(documentNumber('05/QĐ-SNgV')).toBe('05/QĐ-SNgV');
    // @ts-expect-error a plain string is not a DocumentNumber: the register's number must be parsed first.
    const n: DocumentNumber = '05/QĐ-SNgV';
    expect(n).toBeDefined();
  });
});

describe('every document type', () => {
  it.each(Object.entries(samples()))('%s renders with its number, Tinos only, NFC text', async (_, doc) => {
    const b = await renderPdf(doc, { createdAt: AT });
    const r = readPdf(b);
    const text = flatText(r);
    expect(text).toContain(`Số: ${doc.head.documentNumber}`);
    expect(text.normalize('NFC')).toBe(text);
    for (const f of pdfFonts(b).baseFonts) expect(f).toMatch(/\+Tinos-/);
    for (const s of doc.signatures) expect(text).toContain(s.name);
  });

  it('gives the same bytes for the same document and date (a stable SHA-256)', async () => {
    const [doc] = Object.values(samples());
    const a = await renderPdf(doc as OfficialDocument, { createdAt: AT });
    const b = await renderPdf(doc as OfficialDocument, { createdAt: AT });
    expect(createHash('sha256').update(a).digest('hex')).toBe(createHash('sha256').update(b).digest('hex'));
  });
});
