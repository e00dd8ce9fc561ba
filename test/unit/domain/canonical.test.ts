import { createHash } from 'node:crypto';
import { canonicalHash, canonicalJson, writeCanonicalJson } from '../../../shared/domain/standings';

/**
 * Canonical JSON (RFC 8785-style key order, undefined members left out): what the standings and the proposal hash,
 * so a stored result can be checked against the data it claims (same inputs, same bytes).
 */

const value = { b: [1, undefined, 'x', { d: true, c: null }], a: { z: false, y: -1.5, x: undefined }, é: 'ủ', '': 0 };
const expected = '{"":0,"a":{"y":-1.5,"z":false},"b":[1,null,"x",{"c":null,"d":true}],"é":"ủ"}';

describe('canonicalJson', () => {
  it('sorts keys, drops undefined members, writes undefined array slots as null', () => {
    expect(canonicalJson(value)).toBe(expected);
  });
  it.each([
    [null, 'null'],
    ['a"b', '"a\\"b"'],
    [true, 'true'],
    [false, 'false'],
    [0, '0'],
    [1e21, '1e+21'],
    [[], '[]'],
    [{}, '{}'],
  ])('%p → %s', (v, s) => {
    expect(canonicalJson(v)).toBe(s);
  });
  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses %p', (v) => {
    expect(() => canonicalJson(v)).toThrow('canonical JSON has no representation for a non-finite number');
  });
  it.each([undefined, () => 1, 1n, Symbol('s')])('refuses %p', (v) => {
    expect(() => canonicalJson(v)).toThrow(`canonical JSON has no representation for a ${typeof v}`);
  });
});

describe('writeCanonicalJson streams the same text', () => {
  it.each([0, 1, 2, 3, 5])('at depth %i', (depth) => {
    const chunks: string[] = [];
    writeCanonicalJson(value, (c) => chunks.push(c), depth);
    expect(chunks.join('')).toBe(expected);
    if (depth > 0) expect(chunks.length).toBeGreaterThan(1);
    else expect(chunks).toEqual([expected]);
  });
  it('at the default depth the outer two levels are streamed', () => {
    const chunks: string[] = [];
    writeCanonicalJson({ a: { b: { c: 1 } } }, (c) => chunks.push(c));
    expect(chunks).toEqual(['{', '"a":', '{', '"b":', '{"c":1}', '}', '}']);
    const arr: string[] = [];
    writeCanonicalJson([undefined, [1, [2]]], (c) => arr.push(c));
    expect(arr).toEqual(['[', 'null', ',', '[', '1', ',', '[2]', ']', ']']);
  });
  it('canonicalHash is the sha256 of that text, also past one 64 KiB chunk', () => {
    const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
    expect(canonicalHash(value)).toBe(sha(expected));
    const big = Array.from({ length: 5000 }, (_, i) => ({ id: `U${i}`, note: 'x'.repeat(30) }));
    expect(canonicalHash(big)).toBe(sha(canonicalJson(big)));
  });
});
