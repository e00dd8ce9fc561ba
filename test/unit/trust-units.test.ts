import { gunzipSync } from 'node:zlib';
import { parseGroupsClaim } from '../../shared/http/auth';
import { outboxLogKey, pseudonym, redactEmails } from '../../shared/redact';
import { INLINE_LIMIT_BYTES, layoutMessage, PART_BYTES } from '../../shared/store/messages';

describe('roles from the groups claim, exactly', () => {
  it.each([
    ['viewer,admin', ['viewer,admin']],
    ['[viewer,admin]', ['viewer,admin']],
    ['[viewer admin]', ['viewer', 'admin']],
    [' admin', [' admin']],
    ['', []],
  ])('%j is %j', (claim, groups) => expect(parseGroupsClaim(claim)).toEqual(groups));
});

describe('addresses out of the logs', () => {
  it('a stable pseudonym per address, whatever its case', () => {
    expect(pseudonym('A@x.vn')).toBe(pseudonym('a@x.vn'));
    expect(pseudonym('a@x.vn')).toMatch(/^addr:[0-9a-f]{12}$/);
    expect(pseudonym('b@x.vn')).not.toBe(pseudonym('a@x.vn'));
  });

  it('an outbox key keeps its event and message, and loses its address', () => {
    const key = { pk: 'CAMPAIGN#c1', sk: 'DELIVERY#e1#letter#can.bo@so.gov.vn' };
    expect(outboxLogKey(key)).toBe(`CAMPAIGN#c1|DELIVERY#e1#letter#${pseudonym('can.bo@so.gov.vn')}`);
    expect(outboxLogKey({ pk: 'CAMPAIGN#c1', sk: 'DELIVERY#e1#letter#LUU_VT' })).toBe('CAMPAIGN#c1|DELIVERY#e1#letter#LUU_VT');
  });

  it('an SES error message keeps its words and loses the addresses', () => {
    const text = 'Email address is not verified. The following identities failed the check in region X: <a@x.vn>, b.c@so.gov.vn';
    const out = redactEmails(text);
    expect(out).not.toMatch(/@/);
    expect(out).toContain('Email address is not verified.');
    expect(out).toContain(pseudonym('a@x.vn'));
  });
});

describe('how a rendered message is laid out in items', () => {
  it('a letter well under the item limit stays in one item', () => {
    expect(layoutMessage({ subject: 's', html: '<p>x</p>', text: 'x' })).toEqual({ inline: true });
  });

  it('a large one is gzipped into parts of at most PART_BYTES that read back to the same text', () => {
    // Random-ish content so gzip cannot shrink it below one part.
    let seed = 7;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return seed;
    };
    const noise = Array.from({ length: 400_000 }, () => String.fromCharCode(0x1ea0 + (next() % 90))).join('');
    const message = { subject: 'Thư', html: `<p>${noise}</p>`, text: noise };
    expect(Buffer.byteLength(message.html)).toBeGreaterThan(INLINE_LIMIT_BYTES);
    const layout = layoutMessage(message);
    if (layout.inline) throw new Error('expected parts');
    expect(layout.parts.length).toBeGreaterThan(1);
    expect(layout.parts.every((p) => p.length <= PART_BYTES)).toBe(true);
    expect(JSON.parse(gunzipSync(Buffer.concat(layout.parts)).toString('utf8'))).toEqual({ html: message.html, text: message.text });
  });
});
