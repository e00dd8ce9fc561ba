/**
 * The kind of a file is read from its bytes (file-type 22), never from its name: each allowed kind
 * on a real small file, and the refusals with their Vietnamese sentence.
 */
import { ALL_KINDS, checkKind, detectFileType, EVIDENCE_KINDS, FILE_KINDS, kindList, kindOfMime, SIGNED_ORIGINAL_KINDS } from '../../../shared/files/kinds';
import { docm, docx, exe, jpeg, pdf, plainZip, png, xlsx } from './samples';

describe('detecting the kind from the content', () => {
  it.each([
    ['a PDF', pdf(), 'pdf', 'application/pdf'],
    ['a PNG', png(), 'png', 'image/png'],
    ['a JPEG', jpeg(), 'jpg', 'image/jpeg'],
    ['a DOCX (a zip whose [Content_Types].xml names a Word document)', docx(), 'docx', FILE_KINDS.docx.mime],
    ['an XLSX (a zip whose [Content_Types].xml names a workbook)', xlsx(), 'xlsx', FILE_KINDS.xlsx.mime],
  ])('%s is taken', async (_, bytes, kind, mime) => {
    expect(await detectFileType(bytes)).toEqual({ ext: kind, mime });
    expect(await checkKind(bytes, EVIDENCE_KINDS)).toEqual({ ok: true, kind, mime });
  });

  it('an .exe named .pdf is an exe, refused in Vietnamese, saying the type comes from the content', async () => {
    const result = await checkKind(exe(), SIGNED_ORIGINAL_KINDS);
    expect(result).toEqual({ ok: false, detected: 'exe', message: expect.stringContaining('Chỉ nhận tệp PDF; nội dung tệp này là tệp EXE') });
    expect(result.ok || result.message).toMatch(/xác định từ nội dung, không theo tên hay đuôi tệp/);
  });

  it.each([
    ['a macro-enabled DOCM', docm(), 'docm'],
    ['a plain zip', plainZip(), 'zip'],
  ])('%s is refused though it is a zip like a DOCX', async (_, bytes, detected) => {
    expect(await checkKind(bytes, EVIDENCE_KINDS)).toEqual({ ok: false, detected, message: expect.stringContaining(`tệp ${detected.toUpperCase()}`) });
  });

  it('text, or bytes file-type does not know, is refused as an unrecognised kind', async () => {
    for (const bytes of [Buffer.from('Báo cáo thành tích năm 2026\n'), Buffer.alloc(0), Buffer.from([1, 2, 3, 4, 5])]) {
      expect(await checkKind(bytes, EVIDENCE_KINDS)).toEqual({ ok: false, detected: undefined, message: expect.stringContaining('một loại tệp không nhận ra được') });
    }
  });

  it('a signed original is a PDF only: a PNG is refused there, taken as evidence', async () => {
    expect((await checkKind(png(), SIGNED_ORIGINAL_KINDS)).ok).toBe(false);
    expect((await checkKind(png(), EVIDENCE_KINDS)).ok).toBe(true);
  });
});

describe('the list of kinds', () => {
  it('is PDF, PNG, JPEG, DOCX and XLSX, named for people in Vietnamese', () => {
    expect(ALL_KINDS).toEqual(['pdf', 'png', 'jpg', 'docx', 'xlsx']);
    expect(kindList(EVIDENCE_KINDS)).toBe('PDF, PNG, JPEG, DOCX (Word) hoặc XLSX (Excel)');
    expect(kindList(['pdf'])).toBe('PDF');
  });

  it('maps a media type to its kind, whatever its case, and nothing else', () => {
    expect(kindOfMime('application/PDF')).toBe('pdf');
    expect(kindOfMime(FILE_KINDS.xlsx.mime)).toBe('xlsx');
    expect(kindOfMime('application/x-msdownload')).toBeUndefined();
  });
});
