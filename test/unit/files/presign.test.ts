/**
 * Presigned URLs are made locally (no request leaves the process): what an upload URL signs, what a
 * download URL asks S3 to answer with, and what is refused before anything is signed.
 */
import { contentDisposition, presignDownload, presignUpload } from '../../../shared/files/presign';
import { UploadFileRequest } from '../../../shared/files/schemas';
import { sha256Base64, sha256Hex } from '../../../shared/files/hash';
import { MAX_UPLOAD_BYTES } from '../../../shared/files/kinds';
import { pdf } from './samples';

const saved = { ...process.env };
beforeAll(() => {
  Object.assign(process.env, { AWS_REGION: 'ap-southeast-1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', DOCUMENTS_BUCKET: 'thidua-documents-test' });
  delete process.env.AWS_ENDPOINT_URL_S3;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
});
afterAll(() => {
  process.env = saved;
});

const body = pdf();
const key = 'agency/so-ngoai-vu/campaign/c1/documents/d1/signed';

describe('presignUpload', () => {
  it('signs the size, the type and the SHA-256 header, for ten minutes, on the bucket’s key', async () => {
    const up = await presignUpload({ key, size: body.length, sha256: sha256Hex(body), contentType: 'application/pdf' });
    const url = new URL(up.url);
    expect(url.hostname).toBe('thidua-documents-test.s3.ap-southeast-1.amazonaws.com');
    expect(url.pathname).toBe(`/${key}`);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host;x-amz-checksum-sha256');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('600');
    // The checksum is a header the client sends (S3 checks the body against it), not a query parameter;
    // and no CRC32 of an empty body from the SDK's default checksums.
    expect([...url.searchParams.keys()].filter((k) => /checksum/i.test(k))).toEqual([]);
    expect(up).toMatchObject({ method: 'PUT', size: body.length, headers: { 'content-type': 'application/pdf', 'x-amz-checksum-sha256': sha256Base64(body) } });
    expect(Date.parse(up.expiresAt)).toBeGreaterThan(Date.now());
  });

  it.each([
    ['an empty file', { size: 0 }, /size 0/],
    ['a file over 20 MB', { size: MAX_UPLOAD_BYTES + 1 }, /size/],
    ['a checksum that is not a SHA-256', { sha256: 'abc' }, /not a SHA-256/],
    ['a type it does not take', { contentType: 'application/x-msdownload' }, /content type/],
    ['a type the upload does not allow (a signed original is a PDF)', { contentType: 'image/png', kinds: ['pdf'] as const }, /content type image\/png/],
  ])('refuses %s', async (_, change, error) => {
    await expect(presignUpload({ key, size: body.length, sha256: sha256Hex(body), contentType: 'application/pdf', ...change })).rejects.toThrow(error);
  });
});

describe('presignDownload', () => {
  it('asks S3 to serve the file as an attachment under its Vietnamese name, for five minutes, pinned to a version when given', async () => {
    const down = await presignDownload(key, 'Tờ trình số 12/TTr-SNgV.pdf', { versionId: 'v-3' });
    const url = new URL(down.url);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('versionId')).toBe('v-3');
    expect(url.searchParams.get('response-content-disposition')).toBe(contentDisposition('Tờ trình số 12/TTr-SNgV.pdf'));
  });
});

describe('contentDisposition', () => {
  it('gives the UTF-8 name (RFC 8187) and an ASCII fallback without diacritics', () => {
    expect(contentDisposition('Quyết định khen thưởng.pdf')).toBe(`attachment; filename="Quyet dinh khen thuong.pdf"; filename*=UTF-8''${encodeURIComponent('Quyết định khen thưởng.pdf')}`);
    expect(contentDisposition('Đơn vị.xlsx')).toMatch(/^attachment; filename="Don vi\.xlsx"; /);
  });

  it('keeps a decomposed (NFD) name as the same NFC name, and replaces quotes, slashes and control characters', () => {
    expect(contentDisposition('Báo cáo.pdf'.normalize('NFD'))).toBe(contentDisposition('Báo cáo.pdf'));
    const d = contentDisposition('a"b\\c/d\r\ne.pdf');
    expect(d).toMatch(/^attachment; filename="a_b_c_d__e\.pdf"; filename\*=UTF-8''a_b_c_d__e\.pdf$/);
    expect(contentDisposition('   ')).toMatch(/filename="tep"/);
  });
});

describe('UploadFileRequest', () => {
  const valid = { filename: 'Báo cáo.docx', size: 1234, sha256: sha256Hex(body), contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
  it('takes a name, a size up to 20 MB, a SHA-256 in hex and one of the five media types', () => {
    expect(UploadFileRequest.safeParse(valid).success).toBe(true);
  });
  it.each([
    ['size', 0],
    ['size', MAX_UPLOAD_BYTES + 1],
    ['size', 1.5],
    ['sha256', 'xyz'],
    ['contentType', 'text/html'],
    ['filename', ''],
  ])('refuses %s = %p', (field, value) => {
    const r = UploadFileRequest.safeParse({ ...valid, [field]: value });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual([field]);
  });
});
