import type { DynamoDBRecord } from 'aws-lambda';
import { assertSupportedPattern, covers, matches, matchesAny, mergePatterns } from '../../../infra/local/filter-match';
import { functions, type FilterPattern } from '../../../infra/wiring';

/** A stream record as Lambda sees it (attribute-value JSON). */
const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', image: Record<string, string>, old?: Record<string, string>): DynamoDBRecord => {
  const av = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { S: v }]));
  return {
    eventID: '1',
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'ap-southeast-1',
    dynamodb: {
      Keys: { pk: { S: 'CAMPAIGN#1' }, sk: { S: 'X' } },
      ...(eventName !== 'REMOVE' ? { NewImage: av(image) } : {}),
      ...(old ? { OldImage: av(old) } : {}),
      SequenceNumber: '1',
      SizeBytes: 10,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
};

describe('Lambda event filtering (the subset the wiring uses)', () => {
  const r = record('INSERT', { entity: 'Event', type: 'CampaignIssued', status: 'pending' });

  it.each<[string, FilterPattern, boolean]>([
    ['exact string', { eventName: ['INSERT'] }, true],
    ['a list is an OR', { eventName: ['MODIFY', 'INSERT'] }, true],
    ['no value of the list', { eventName: ['MODIFY', 'REMOVE'] }, false],
    ['nested objects, all keys (AND)', { dynamodb: { NewImage: { entity: { S: ['Event'] }, type: { S: ['CampaignIssued'] } } } }, true],
    ['nested, one key differs', { dynamodb: { NewImage: { entity: { S: ['Event'] }, type: { S: ['CampaignCreated'] } } } }, false],
    ['prefix', { dynamodb: { Keys: { pk: { S: [{ prefix: 'CAMPAIGN#' }] } } } }, true],
    ['prefix, no match', { dynamodb: { Keys: { pk: { S: [{ prefix: 'UNIT#' }] } } } }, false],
    ['exists: true on a present leaf', { dynamodb: { NewImage: { status: { S: [{ exists: true }] } } } }, true],
    ['exists: true on a missing leaf', { dynamodb: { NewImage: { lastError: { S: [{ exists: true }] } } } }, false],
    ['exists: false on a missing leaf', { dynamodb: { NewImage: { lastError: { S: [{ exists: false }] } } } }, true],
    ['exists: false on a present leaf', { dynamodb: { NewImage: { status: { S: [{ exists: false }] } } } }, false],
    ['exists: true on an object (not a leaf)', { dynamodb: { NewImage: { status: [{ exists: true }] } } }, false],
    ['exists: false below a missing object', { dynamodb: { OldImage: { status: { S: [{ exists: false }] } } } }, true],
    ['anything-but, other value', { dynamodb: { NewImage: { status: { S: [{ 'anything-but': ['sent', 'failed'] }] } } } }, true],
    ['anything-but, listed value', { dynamodb: { NewImage: { status: { S: [{ 'anything-but': ['pending'] }] } } } }, false],
    ['anything-but needs the field', { dynamodb: { NewImage: { lastError: { S: [{ 'anything-but': ['x'] }] } } } }, false],
    ['a string never equals an object', { dynamodb: ['x'] }, false],
    ['a missing top-level key', { userIdentity: { type: ['Service'] } }, false],
    ['mixed matchers in one list', { dynamodb: { NewImage: { type: { S: ['Nope', { prefix: 'Campaign' }] } } } }, true],
  ])('%s', (_name, pattern, expected) => {
    expect(matches(pattern, r)).toBe(expected);
  });

  it('matches array values element-wise', () => {
    expect(matches({ tags: ['b'] }, { tags: ['a', 'b'] })).toBe(true);
    expect(matches({ tags: ['c'] }, { tags: ['a', 'b'] })).toBe(false);
    expect(matches({ items: { kind: ['x'] } }, { items: [{ kind: 'y' }, { kind: 'x' }] })).toBe(true);
  });

  it('ORs the filters of one mapping; no filters let everything through', () => {
    expect(matchesAny([{ eventName: ['REMOVE'] }, { eventName: ['INSERT'] }], r)).toBe(true);
    expect(matchesAny([{ eventName: ['REMOVE'] }], r)).toBe(false);
    expect(matchesAny([], r)).toBe(true);
  });

  it('refuses matchers the emulation does not implement instead of dropping records silently', () => {
    expect(() => assertSupportedPattern({ n: [{ numeric: ['>', 1] } as never] })).toThrow(/unsupported matcher/);
    expect(() => assertSupportedPattern({ n: [] })).toThrow(/empty list/);
    for (const spec of Object.values(functions)) {
      if ('stream' in spec) for (const f of spec.stream.filters) expect(() => assertSupportedPattern(f)).not.toThrow();
      if ('queue' in spec) for (const f of spec.queue.filters) expect(() => assertSupportedPattern(f)).not.toThrow();
    }
  });
});

describe("the wiring's real filters", () => {
  const issued = functions.onCampaignIssued.queue.filters;
  const mailer = functions.mailer.queue.filters;

  it('onCampaignIssued takes inserted CampaignIssued events only', () => {
    expect(matchesAny(issued, record('INSERT', { entity: 'Event', type: 'CampaignIssued' }))).toBe(true);
    expect(matchesAny(issued, record('INSERT', { entity: 'Event', type: 'CampaignCreated' }))).toBe(false);
    expect(matchesAny(issued, record('MODIFY', { entity: 'Event', type: 'CampaignIssued' }))).toBe(false);
    expect(matchesAny(issued, record('REMOVE', {}, { entity: 'Event', type: 'CampaignIssued' }))).toBe(false);
    expect(matchesAny(issued, record('INSERT', { entity: 'Campaign', type: 'CampaignIssued' }))).toBe(false);
    expect(matchesAny(issued, record('INSERT', { entity: 'Delivery', status: 'pending' }))).toBe(false);
  });

  it('mailer takes pending deliveries, inserted or put back to pending', () => {
    expect(matchesAny(mailer, record('INSERT', { entity: 'Delivery', status: 'pending' }))).toBe(true);
    expect(matchesAny(mailer, record('MODIFY', { entity: 'Delivery', status: 'pending' }, { entity: 'Delivery', status: 'failed' }))).toBe(true);
    expect(matchesAny(mailer, record('MODIFY', { entity: 'Delivery', status: 'sending' }, { entity: 'Delivery', status: 'pending' }))).toBe(false);
    expect(matchesAny(mailer, record('MODIFY', { entity: 'Delivery', status: 'sent' }))).toBe(false);
    expect(matchesAny(mailer, record('INSERT', { entity: 'Delivery', status: 'archived' }))).toBe(false);
    expect(matchesAny(mailer, record('REMOVE', {}, { entity: 'Delivery', status: 'pending' }))).toBe(false);
    expect(matchesAny(mailer, record('INSERT', { entity: 'Event', type: 'CampaignIssued' }))).toBe(false);
  });

  it('an attribute stored as a number does not match a string filter (filters compare typed values)', () => {
    const numeric: DynamoDBRecord = { eventName: 'INSERT', dynamodb: { NewImage: { entity: { S: 'Delivery' }, status: { N: '1' } } } };
    expect(matchesAny(mailer, numeric)).toBe(false);
  });
});

describe('merging patterns (the stream router’s mapping holds every consumer’s, in at most five filters)', () => {
  const consumed = Object.values(functions).flatMap((spec) => ('queue' in spec ? spec.queue.filters : []));
  const samples = [
    record('INSERT', { entity: 'Event', type: 'CampaignIssued' }),
    record('INSERT', { entity: 'Event', type: 'ReportSubmitted' }),
    record('INSERT', { entity: 'Event', type: 'CampaignCreated' }),
    record('MODIFY', { entity: 'Event', type: 'ResultsFinalized', mailing: 'retry' }),
    record('MODIFY', { entity: 'Event', type: 'ResultsFinalized', mailing: 'prepared' }),
    record('INSERT', { entity: 'Event', type: 'ResultsFinalized', mailing: 'retry' }),
    record('INSERT', { entity: 'Delivery', status: 'pending' }),
    record('MODIFY', { entity: 'Delivery', status: 'pending' }),
    record('MODIFY', { entity: 'Delivery', status: 'sent' }),
    record('REMOVE', {}, { entity: 'Delivery', status: 'pending' }),
  ];

  it('lets through exactly the records the patterns did, in fewer filters', () => {
    const merged = mergePatterns(consumed);
    expect(merged.length).toBeLessThan(consumed.length);
    expect(merged.length).toBeLessThanOrEqual(5);
    for (const r of samples) expect({ r: r.dynamodb?.NewImage, out: matchesAny(merged, r) }).toEqual({ r: r.dynamodb?.NewImage, out: matchesAny(consumed, r) });
    for (const f of consumed) expect(merged.some((m) => covers(m, f))).toBe(true);
  });

  it('merges only patterns alike but for one list of strings; covers is structural and conservative', () => {
    const a = { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['A'] } } } };
    const b = { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['B'] } } } };
    const c = { eventName: ['MODIFY'], dynamodb: { NewImage: { type: { S: ['C'] } } } };
    expect(mergePatterns([a, b, c])).toEqual([{ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['A', 'B'] } } } }, c]);
    // Differing in two places: merging would let INSERT C and MODIFY A through. Kept apart.
    expect(mergePatterns([a, c])).toEqual([a, c]);
    expect(mergePatterns([a, a])).toEqual([a]);
    expect(covers(mergePatterns([a, b])[0]!, a)).toBe(true);
    expect(covers(a, b)).toBe(false);
    expect(covers({ n: [{ prefix: 'x' }] }, { n: [{ prefix: 'x' }] })).toBe(true);
    expect(covers({ n: [{ prefix: 'x' }] }, { n: ['xy'] })).toBe(false);
  });
});
