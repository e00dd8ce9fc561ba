/** Object keys per agency and campaign (IAM can scope by prefix), and the two spellings of a SHA-256. */
import { createHash } from 'node:crypto';
import { hexToBase64, sha256Base64, sha256Hex } from '../../../shared/files/hash';
import { agencyOfKey, campaignPrefix, objectKey } from '../../../shared/files/keys';

describe('object keys', () => {
  it('put every file under agency/<agencyId>/campaign/<campaignId>/', () => {
    expect(campaignPrefix('so-ngoai-vu', 'c-2026')).toBe('agency/so-ngoai-vu/campaign/c-2026/');
    expect(objectKey('so-ngoai-vu', 'c-2026', 'documents', 'd7', 'signed')).toBe('agency/so-ngoai-vu/campaign/c-2026/documents/d7/signed');
    expect(agencyOfKey('agency/so-ngoai-vu/campaign/c-2026/evidence/e1')).toBe('so-ngoai-vu');
    expect(agencyOfKey('other/so-ngoai-vu/campaign/c/x')).toBeUndefined();
  });

  it('refuse any segment that could climb out of the folder or name another one', () => {
    for (const bad of ['', '..', 'a/b', 'Báo cáo.pdf', 'a b', '*']) {
      expect(() => objectKey('so-ngoai-vu', 'c1', bad)).toThrow(/cannot be part of an object key/);
      expect(() => campaignPrefix(bad, 'c1')).toThrow(/agencyId/);
    }
    expect(() => objectKey('so-ngoai-vu', 'c1')).toThrow(/at least one part/);
  });
});

describe('SHA-256', () => {
  it('hex for people and the API, base64 of the same 32 bytes for S3', () => {
    const bytes = Buffer.from('Quyết định khen thưởng', 'utf8');
    const h = createHash('sha256').update(bytes).digest();
    expect(sha256Hex(bytes)).toBe(h.toString('hex'));
    expect(sha256Base64(bytes)).toBe(h.toString('base64'));
    expect(hexToBase64(sha256Hex(bytes).toUpperCase())).toBe(sha256Base64(bytes));
    expect(() => hexToBase64('abc')).toThrow(/not a SHA-256/);
  });
});
