import { Campaign, CampaignInput } from '../../shared/schemas/campaign';
import { escapeHtml } from '../../shared/mail/escape';
import { renderLetter, type NoiNhanEntry } from '../../shared/mail/letter';
import { seedCampaign, seedDirectory } from '../../seed/launch-letter-2023';

const asCampaign = (input: unknown, extra: Partial<Campaign> = {}): Campaign =>
  Campaign.parse({
    ...CampaignInput.parse(input),
    id: 'c-2023',
    agencyId: 'default',
    status: 'issued',
    version: 2,
    createdAt: '2023-03-01T02:00:00.000Z',
    createdBy: 'admin',
    ...extra,
  });

const seed = asCampaign(seedCampaign);
const noiNhan: NoiNhanEntry[] = seedDirectory.groups.map((g) => ({ name: g.name, ...(g.purpose ? { purpose: g.purpose } : {}) }));
const letter = renderLetter(seed, noiNhan);

const SECTIONS = ['I. CHỦ ĐỀ PHONG TRÀO THI ĐUA', 'II. MỤC TIÊU THI ĐUA', 'III. NỘI DUNG PHONG TRÀO THI ĐUA', 'IV. TỔ CHỨC THỰC HIỆN', 'V. THỜI HẠN'];

const NOI_NHAN_LINES = [
  '- Hội đồng TĐKT tỉnh;',
  '- Ban TĐKT - Sở Nội vụ;',
  '- Các đơn vị thành viên Cụm TĐTMTH;',
  '- Lãnh đạo Sở;',
  '- Hội đồng TĐKT Sở;',
  '- Các phòng CM, NV thuộc Sở và Trung tâm;',
  '- Trang thông tin điện tử của Sở (để đăng tin);',
  '- Lưu: VT, VP.',
];

/** Positions of each needle in order; fails if one is missing or out of order. */
function expectInOrder(haystack: string, needles: readonly string[]) {
  let from = 0;
  for (const n of needles) {
    const at = haystack.indexOf(n, from);
    expect({ needle: n, found: at >= 0 }).toEqual({ needle: n, found: true });
    from = at + n.length;
  }
}

describe('escapeHtml', () => {
  test('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;');
  });
  test('leaves Vietnamese text alone', () => {
    expect(escapeHtml('Độc lập - Tự do - Hạnh phúc')).toBe('Độc lập - Tự do - Hạnh phúc');
  });
  test('escapes an ampersand once, not twice', () => {
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});

describe('renderLetter: the seed letter', () => {
  test('subject is [số/ký hiệu] and the trích yếu', () => {
    expect(letter.subject).toBe('[15/KH-SNgV] Phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị năm 2023');
  });

  test('HTML is a complete, email-safe document', () => {
    expect(letter.html.startsWith('<!doctype html>')).toBe(true);
    expect(letter.html).toContain('<html lang="vi">');
    expect(letter.html).toContain('<meta charset="utf-8">');
    expect(letter.html).toContain("font-family:'Times New Roman',Times,serif");
    expect(letter.html).toContain('<table role="presentation"');
    expect(letter.html).not.toMatch(/<style|<script|<link/i);
    expect(letter.html.trimEnd().endsWith('</html>')).toBe(true);
  });

  test.each(['html', 'text'] as const)('%s: header per NĐ 30/2020 (Quốc hiệu, Tiêu ngữ, cơ quan, số, địa danh và ngày)', (part) => {
    expectInOrder(letter[part], ['UBND TỈNH LẠNG SƠN', 'SỞ NGOẠI VỤ']);
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 15/KH-SNgV', 'Lạng Sơn, ngày 05 tháng 3 năm 2023']) {
      expect(letter[part]).toContain(s);
    }
  });

  test.each(['html', 'text'] as const)('%s: heading, legal bases, every section in order, signer, Nơi nhận, footer', (part) => {
    expectInOrder(letter[part], [
      'PHÁT ĐỘNG',
      'Phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị năm 2023',
      'Thực hiện Kế hoạch số 252/KH-UBND ngày 21/12/2022',
      ...SECTIONS,
      'Giám đốc Sở Ngoại vụ kêu gọi',
      'GIÁM ĐỐC',
      'Trịnh Tuyết Mai',
    ]);
    expect(letter[part]).toContain('Nơi nhận:');
    expectInOrder(letter[part], NOI_NHAN_LINES);
    expect(letter[part]).toContain('Thư này được gửi tự động từ hệ thống quản lý thi đua, khen thưởng; vui lòng không trả lời thư này.');
  });

  test('text: contents and implementation are numbered 1., 2., … (the letter’s duplicate "3." is gone)', () => {
    expectInOrder(letter.text, ['1. Tuyên truyền', '2. Chủ động', '3. Tập trung', '4. Thi đua cùng chung tay', '5. Triển khai']);
    expectInOrder(letter.text, ['IV. TỔ CHỨC THỰC HIỆN', '1. Các phòng chuyên môn', '2. Hội đồng thi đua -khen thưởng Sở']);
  });

  test.each(['html', 'text'] as const)('%s: the three deadlines in Vietnam time, as "Thời hạn" lines', (part) => {
    expectInOrder(letter[part], [
      'Thời hạn đăng ký thi đua: 17 giờ 00, ngày 31/3/2023;',
      'Thời hạn gửi báo cáo sơ kết, tổng kết: 17 giờ 00, ngày 30/11/2023;',
      'Thời hạn gửi hồ sơ đề nghị khen thưởng: 17 giờ 00, ngày 10/12/2023.',
    ]);
  });

  test('the slogan is in bold quotes, verbatim (typo included), wherever the letter quotes it', () => {
    const bold = '<strong>&quot;Siết chặt kỷ cương, tăng cường trách nhiệm, quyết liệt hành động, sáng tạo bút phá&quot;</strong>';
    expect(letter.html.split(bold).length - 1).toBe(2); // căn cứ and chủ đề
  });

  test('text part is plain text: no tags, no entities', () => {
    expect(letter.text).not.toMatch(/<\/?[a-z!][^>]*>/i);
    expect(letter.text).not.toMatch(/&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i);
    expect(letter.text).toContain('"Siết chặt kỷ cương');
  });

  test('diacritics are intact and NFC in both parts (raw UTF-8, not entities)', () => {
    for (const part of [letter.html, letter.text, letter.subject]) {
      expect(part.normalize('NFC')).toBe(part);
      expect(part).toMatch(/Trịnh Tuyết Mai|thắng lợi/);
    }
    expect(letter.html).toContain('Trịnh Tuyết Mai');
    expect(letter.html).not.toMatch(/&#\d+;/); // only &#39; could appear, and the seed has no apostrophe
  });

  test('text lines have no trailing spaces except the signature delimiter', () => {
    const offenders = letter.text.split('\n').filter((l) => l !== '-- ' && /\s$/.test(l));
    expect(offenders).toEqual([]);
  });
});

describe('renderLetter: hostile and edge input', () => {
  const hostile = asCampaign({
    ...seedCampaign,
    title: '<script>alert("x")</script> Thi đua & khen thưởng',
    issuingBody: 'Sở <b>A</b> & B',
    theme: `Chủ đề 'quoted' <img src=x onerror=alert(1)>`,
    slogan: '<i>slogan</i>',
    signer: { name: 'Nguyễn Văn "A"', position: 'Giám đốc <u>' },
  });
  const out = renderLetter(hostile, [{ name: '<a href="javascript:x">Phòng</a>', purpose: '<b/c>' }, { name: 'Lưu: VT, VP' }]);

  test('no user-supplied markup survives raw in the HTML', () => {
    expect(out.html).not.toContain('<script>');
    expect(out.html).not.toContain('<img');
    expect(out.html).not.toContain('<b>A</b>');
    expect(out.html).not.toContain('<i>slogan');
    expect(out.html).not.toContain('<a href');
    expect(out.html).not.toContain('<u>');
    expect(out.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(out.html).toContain('Thi đua &amp; khen thưởng');
    expect(out.html).toContain('&#39;quoted&#39;');
    expect(out.html).toContain('<strong>“&lt;i&gt;slogan&lt;/i&gt;”</strong>');
  });

  test('the text part carries the same strings unescaped', () => {
    expect(out.text).toContain('<script>alert("x")</script> Thi đua & khen thưởng');
    expect(out.text).toContain('Khẩu hiệu: “<i>slogan</i>”');
    expect(out.text).toContain('- <a href="javascript:x">Phòng</a> (<b/c>);');
    expect(out.text).toContain('- Lưu: VT, VP.');
  });

  test('a line break in the title cannot reach the subject header', () => {
    const c = asCampaign({ ...seedCampaign, title: 'Dòng một\r\nBcc: x@example.org' });
    expect(renderLetter(c, []).subject).toBe('[15/KH-SNgV] Dòng một Bcc: x@example.org');
  });

  test('a title that starts with "Phát động" does not print the verb twice', () => {
    const c = asCampaign({ ...seedCampaign, title: 'Phát động phong trào thi đua năm 2024' });
    const r = renderLetter(c, []);
    expect(r.subject).toBe('[15/KH-SNgV] Phát động phong trào thi đua năm 2024');
    expect(r.text).toContain('PHÁT ĐỘNG');
    expect(r.text).toContain('Phong trào thi đua năm 2024');
    expect(r.text).not.toContain('Phát động phong trào thi đua năm 2024\n');
  });

  test('only the deadlines present are listed, the last one closing with "."', () => {
    const c = asCampaign({ ...seedCampaign, deadlines: { nominations: '2023-12-10T10:00:00Z' } });
    const r = renderLetter(c, []);
    expect(r.text).not.toContain('Thời hạn đăng ký thi đua');
    expect(r.text).not.toContain('Thời hạn gửi báo cáo');
    expect(r.text).toContain('- Thời hạn gửi hồ sơ đề nghị khen thưởng: 17 giờ 00, ngày 10/12/2023.');
  });

  test('no parent body: the issuing body heads the left column alone', () => {
    const { parentBody: _omit, ...rest } = seedCampaign;
    const r = renderLetter(asCampaign({ ...rest, issuingBody: 'Sở Ngoại vụ' }), []);
    expect(r.text).not.toContain('UBND TỈNH LẠNG SƠN');
    expect(r.text).toContain('SỞ NGOẠI VỤ');
    expect(r.html).toContain('SỞ NGOẠI VỤ');
  });

  describe('date of the letter', () => {
    const { date: _omit, ...undated } = seedCampaign;
    test('campaign.date wins over opts.date', () => {
      expect(renderLetter(seed, [], { date: '2024-01-02' }).text).toContain('Lạng Sơn, ngày 05 tháng 3 năm 2023');
    });
    test('opts.date when the campaign has none', () => {
      expect(renderLetter(asCampaign(undated), [], { date: '2024-01-02' }).text).toContain('Lạng Sơn, ngày 02 tháng 01 năm 2024');
    });
    test('else the day it was issued, in Vietnam', () => {
      const c = asCampaign(undated, { issuedAt: '2024-02-09T18:30:00.000Z' });
      expect(renderLetter(c, []).text).toContain('Lạng Sơn, ngày 10 tháng 02 năm 2024');
    });
    test('else a clear error', () => {
      expect(() => renderLetter(asCampaign(undated), [])).toThrow(/needs a date/);
    });
  });
});
