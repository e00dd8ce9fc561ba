/**
 * The presigned flow of shared/files on the twin's S3 emulator (infra/local/s3-local.ts: s3rver behind
 * the gate) over loopback: upload through a presigned PUT, verifyUpload from the bytes, download
 * through a presigned GET; what the gate refuses as S3 would (no signature, a wrong one, another body);
 * what verifyUpload catches whatever the store let through. No Java: only s3rver, in this process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkSignatureV4, type S3Local, startS3Local } from '../../../infra/local/s3-local';
import { docx, exe, pdf, png } from '../../unit/files/samples';

type Files = typeof import('../../../shared/files/index');
const BUCKET = 'thidua-documents-it';
const credentials = { accessKeyId: 'it-key', secretAccessKey: 'it-secret' };
let s3: S3Local;
let files: Files;
const saved = { ...process.env };

beforeAll(async () => {
  s3 = await startS3Local({ bucket: BUCKET, credentials, corsOrigins: ['http://localhost:5173'] });
  // As the twin sets them before the handlers load (infra/local/twin.ts); the client reads them when created.
  Object.assign(process.env, {
    AWS_REGION: 'ap-southeast-1',
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    DOCUMENTS_BUCKET: BUCKET,
  });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  files = require('../../../shared/files/index') as Files;
});

afterAll(async () => {
  await s3?.stop();
  process.env = saved;
});

let n = 0;
/** A fresh key per test: tests do not depend on each other. */
const newKey = (what = 'evidence') => files.objectKey('so-ngoai-vu', 'c-it', what, `f${++n}-${Date.now()}`);

async function upload(key: string, bytes: Buffer, contentType: string, send: Buffer = bytes, headers?: Record<string, string>) {
  const up = await files.presignUpload({ key, size: bytes.length, sha256: files.sha256Hex(bytes), contentType });
  const res = await fetch(up.url, { method: 'PUT', headers: headers ?? up.headers, body: new Uint8Array(send) });
  return { up, status: res.status, body: await res.text() };
}

describe('the presigned flow on the twin', () => {
  it('a presigned PUT stores the file, verifyUpload accepts it from its bytes, a presigned GET returns the same bytes under its name', async () => {
    const key = newKey('documents');
    const bytes = pdf('Tờ trình đã ký số');
    const put = await upload(key, bytes, 'application/pdf');
    expect(put.status).toBe(200);

    const verified = await files.verifyUpload(key, { size: bytes.length, sha256: files.sha256Hex(bytes), kinds: files.SIGNED_ORIGINAL_KINDS, contentType: 'application/pdf' });
    // s3rver keeps no versions: versionId is what real S3 adds.
    expect(verified).toEqual({ ok: true, key, versionId: undefined, size: bytes.length, sha256: files.sha256Hex(bytes), kind: 'pdf', mime: 'application/pdf' });

    const down = await files.presignDownload(key, 'Tờ trình số 12/TTr-SNgV (bản ký số).pdf');
    const res = await fetch(down.url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(files.contentDisposition('Tờ trình số 12/TTr-SNgV (bản ký số).pdf'));
  });

  it('evidence of every kind goes through the same flow (a DOCX, a PNG)', async () => {
    for (const [bytes, type, kind] of [
      [docx(), files.FILE_KINDS.docx.mime, 'docx'],
      [png(), 'image/png', 'png'],
    ] as const) {
      const key = newKey();
      expect((await upload(key, bytes, type)).status).toBe(200);
      expect(await files.verifyUpload(key, { size: bytes.length, sha256: files.sha256Hex(bytes), kinds: files.EVIDENCE_KINDS })).toMatchObject({ ok: true, kind });
    }
  });

  it('putObject stores a generated file with its checksum, readable through a download URL', async () => {
    const key = newKey('documents');
    const bytes = pdf('Quyết định khen thưởng');
    const stored = await files.putObject(key, bytes, 'application/pdf');
    expect(stored).toEqual({ key, versionId: undefined, size: bytes.length, sha256: files.sha256Hex(bytes) });
    const res = await fetch((await files.presignDownload(key, 'Quyết định.pdf')).url);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });
});

describe('what the gate refuses, as S3 refuses it', () => {
  it('another body of the same size through the upload URL: 400 BadDigest, and the stored file is unchanged', async () => {
    const key = newKey();
    const bytes = pdf('bản gốc');
    expect((await upload(key, bytes, 'application/pdf')).status).toBe(200);
    const other = Buffer.from(bytes);
    other[other.length - 2] = 0x20;
    const again = await upload(key, bytes, 'application/pdf', other);
    expect(again.status).toBe(400);
    expect(again.body).toContain('<Code>BadDigest</Code>');
    expect(await files.verifyUpload(key, { size: bytes.length, sha256: files.sha256Hex(bytes), kinds: ['pdf'] })).toMatchObject({ ok: true });
  });

  it('a body of another size, another Content-Type, or a checksum header for other bytes: 403 SignatureDoesNotMatch', async () => {
    const bytes = pdf();
    const key = newKey();
    const up = await files.presignUpload({ key, size: bytes.length, sha256: files.sha256Hex(bytes), contentType: 'application/pdf' });
    const longer = Buffer.concat([bytes, Buffer.from('\n')]);
    for (const [headers, body] of [
      [up.headers, longer],
      [{ ...up.headers, 'content-type': 'image/png' }, bytes],
      [{ ...up.headers, 'x-amz-checksum-sha256': files.sha256Base64(longer) }, longer],
    ] as const) {
      const res = await fetch(up.url, { method: 'PUT', headers, body });
      expect({ status: res.status, code: /<Code>(\w+)<\/Code>/.exec(await res.text())?.[1] }).toEqual({ status: 403, code: 'SignatureDoesNotMatch' });
    }
    expect(await files.verifyUpload(key, { size: bytes.length, sha256: files.sha256Hex(bytes), kinds: ['pdf'] })).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('an upload URL used for another key, or with its signature altered: 403', async () => {
    const bytes = pdf();
    const up = await files.presignUpload({ key: newKey(), size: bytes.length, sha256: files.sha256Hex(bytes), contentType: 'application/pdf' });
    const elsewhere = up.url.replace('/evidence/', '/documents/');
    const altered = up.url.replace(/X-Amz-Signature=([0-9a-f])/, (_, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`);
    for (const url of [elsewhere, altered]) expect((await fetch(url, { method: 'PUT', headers: up.headers, body: bytes })).status).toBe(403);
  });

  it('no signature, no access: listing, reading and writing the bucket anonymously are 403 AccessDenied', async () => {
    const key = newKey();
    await files.putObject(key, pdf(), 'application/pdf');
    for (const [method, url] of [
      ['GET', `${s3.endpoint}/`],
      ['GET', `${s3.endpoint}/${BUCKET}`],
      ['GET', `${s3.endpoint}/${BUCKET}/${key}`],
      ['PUT', `${s3.endpoint}/${BUCKET}/${newKey()}`],
    ] as const) {
      const res = await fetch(url, { method, ...(method === 'PUT' ? { body: 'x' } : {}) });
      expect({ method, url, status: res.status, code: /<Code>(\w+)<\/Code>/.exec(await res.text())?.[1] }).toEqual({ method, url, status: 403, code: 'AccessDenied' });
    }
  });

  it('an expired URL is refused (the check, with the clock moved past its expiry)', async () => {
    const down = await files.presignDownload(newKey(), 'x.pdf');
    const url = new URL(down.url);
    const ctx = { method: 'GET', url: url.pathname + url.search, headers: { host: url.host } };
    const secretOf = (id: string) => (id === credentials.accessKeyId ? credentials.secretAccessKey : undefined);
    expect(() => checkSignatureV4(ctx, secretOf)).not.toThrow();
    expect(() => checkSignatureV4(ctx, secretOf, new Date(Date.now() + 301_000))).toThrow('Request has expired');
    expect(() => checkSignatureV4(ctx, () => undefined)).toThrow(/Access Key Id/);
  });

  it('answers a browser’s CORS preflight for the upload from an allowed origin, with the signed headers only', async () => {
    const preflight = (origin: string, headers = 'content-type,x-amz-checksum-sha256') =>
      fetch(`${s3.endpoint}/${BUCKET}/${newKey()}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': headers } });
    const allowed = await preflight('http://localhost:5173');
    expect(allowed.status).toBe(200);
    // s3rver answers an allowed preflight with `*` where S3 echoes the origin: the same decision.
    expect(allowed.headers.get('access-control-allow-origin')).toMatch(/^(\*|http:\/\/localhost:5173)$/);
    expect(allowed.headers.get('access-control-allow-methods')).toMatch(/PUT/);
    expect((await preflight('https://elsewhere.example')).status).toBe(403);
    expect((await preflight('http://localhost:5173', 'content-type,x-amz-acl')).status).toBe(403);
  });
});

describe('what verifyUpload catches, whatever the store let through', () => {
  // putObject writes with the function's own credentials: as a second upload through a still-valid URL
  // would on real S3 (a new version), or anything at all on s3rver without the gate.
  it('a different body under the same key: the checksum, or the size, does not match what was declared', async () => {
    const key = newKey();
    const declared = pdf('khai báo');
    await upload(key, declared, 'application/pdf');
    const swapped = pdf('đã thay'); // the same length in bytes? not needed: either check refuses it
    await files.putObject(key, swapped, 'application/pdf');
    const result = await files.verifyUpload(key, { size: declared.length, sha256: files.sha256Hex(declared), kinds: ['pdf'] });
    expect(result).toMatchObject({ ok: false, reason: swapped.length === declared.length ? 'checksum' : 'size' });
    expect(result.ok || result.message).toMatch(/Vui lòng tải lên lại/);

    const sameSize = Buffer.from(declared);
    sameSize[sameSize.length - 2] = 0x20;
    await files.putObject(key, sameSize, 'application/pdf');
    expect(await files.verifyUpload(key, { size: declared.length, sha256: files.sha256Hex(declared), kinds: ['pdf'] })).toMatchObject({
      ok: false,
      reason: 'checksum',
      message: expect.stringContaining('Mã SHA-256 của tệp đã tải lên không khớp'),
    });
  });

  it('an .exe uploaded as a PDF, with its own size and hash: refused from its content', async () => {
    const key = newKey();
    const bytes = exe();
    expect((await upload(key, bytes, 'application/pdf')).status).toBe(200);
    expect(await files.verifyUpload(key, { size: bytes.length, sha256: files.sha256Hex(bytes), kinds: files.EVIDENCE_KINDS, contentType: 'application/pdf' })).toMatchObject({
      ok: false,
      reason: 'kind',
      message: expect.stringContaining('nội dung tệp này là tệp EXE'),
    });
  });

  it('a PDF declared as a PNG: refused, naming both', async () => {
    const key = newKey();
    const bytes = pdf();
    await files.putObject(key, bytes, 'image/png');
    expect(await files.verifyUpload(key, { size: bytes.length, sha256: files.sha256Hex(bytes), kinds: files.EVIDENCE_KINDS, contentType: 'image/png' })).toMatchObject({
      ok: false,
      reason: 'kind',
      message: expect.stringContaining('khai báo là PNG nhưng nội dung là PDF'),
    });
  });

  it('nothing uploaded under the key: missing', async () => {
    expect(await files.verifyUpload(newKey(), { size: 10, sha256: 'a'.repeat(64), kinds: ['pdf'] })).toMatchObject({ ok: false, reason: 'missing' });
  });
});

describe('s3rver without the gate (why the gate exists)', () => {
  it('serves anonymous listing, reading and writing, and takes any Signature V4 for a known key', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'thidua-s3rver-'));
    const S3rver = require('s3rver') as new (o: Record<string, unknown>) => { run(): Promise<{ port: number }>; close(): Promise<void> };
    const raw = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, vhostBuckets: false, configureBuckets: [{ name: 'open' }] });
    try {
      const { port } = await raw.run();
      const base = `http://127.0.0.1:${port}/open`;
      expect((await fetch(`${base}/anonymous.txt`, { method: 'PUT', body: 'written by anyone' })).status).toBe(200);
      expect(await (await fetch(`${base}/anonymous.txt`)).text()).toBe('written by anyone');
      expect((await fetch(base)).status).toBe(200);
      const forged = `${base}/anonymous.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=S3RVER%2F20261201%2Fap-southeast-1%2Fs3%2Faws4_request&X-Amz-Date=${new Date().toISOString().replace(/[-:]|\.\d+/g, '')}&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=${'0'.repeat(64)}`;
      expect((await fetch(forged)).status).toBe(200);
    } finally {
      await raw.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
