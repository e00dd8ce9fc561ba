import { DECIDE_ENGINE_VERSION, STEPS, decideInputs, decideNominations, personKeyOf } from '../../../shared/domain/decide';
import { DomainError } from '../../../shared/domain/errors';
import { RuleOptions } from '../../../shared/schemas/nomination';
import { DATES, collective, nom, person } from '../decide.fixtures';

/**
 * What the proposal's hash covers (its inputs, order-free collections sorted: the same campaign in any order is the
 * same proposal) and the envelope of the result. A deterministic stand-in for the shuffling property test.
 */

const noms = [nom('b', 'LDTT', person('Người B', { personId: 'pb', unitId: 'U2' })), nom('a', 'LDTT', person('Người A', { personId: 'pa' })), nom('t', 'TTLDTT', collective('U1'))];
const input = (over: object = {}) => ({
  ...DATES.v2024,
  nominations: noms,
  unitStandings: [
    { unitId: 'U2', rank: 2, tie: true },
    { unitId: 'U1', rank: 1 },
  ],
  options: RuleOptions.parse({}),
  usedInitiatives: ['S2', 'S1', 'S2'],
  ...over,
});

describe('decideInputs', () => {
  it('sorts what has no order and normalises the tie flag', () => {
    expect(decideInputs(input())).toEqual({
      ...DATES.v2024,
      nominations: [noms[1], noms[0], noms[2]],
      unitStandings: [
        { unitId: 'U1', rank: 1, tie: false },
        { unitId: 'U2', rank: 2, tie: true },
      ],
      options: RuleOptions.parse({}),
      usedInitiatives: ['S1', 'S2'],
    });
  });
  it('a tie given as false is no tie; none given is none', () => {
    const flags = (tie: unknown) => (decideInputs(input({ unitStandings: [{ unitId: 'U1', rank: 1, tie }] })) as { unitStandings: { tie: boolean }[] }).unitStandings[0]?.tie;
    expect(flags(false)).toBe(false);
    expect(flags(undefined)).toBe(false);
    expect(flags(true)).toBe(true);
    expect(flags({ with: ['U2'] })).toBe(true);
  });
  it('without used initiatives the list is empty', () => {
    expect((decideInputs(input({ usedInitiatives: undefined })) as { usedInitiatives: string[] }).usedInitiatives).toEqual([]);
  });
  it('the same campaign in another order has the same hash and the same bytes', () => {
    const a = decideNominations(input());
    const b = decideNominations(input({ nominations: [...noms].reverse(), unitStandings: [...input().unitStandings].reverse(), usedInitiatives: ['S1', 'S2'] }));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(
      decideNominations(
        input({
          unitStandings: [
            { unitId: 'U2', rank: 2 },
            { unitId: 'U1', rank: 1 },
          ],
        }),
      ).inputHash,
    ).not.toBe(a.inputHash);
  });
});

describe('the result', () => {
  it('names the rule set, the engine, the law and the options used', () => {
    const r = decideNominations(input());
    expect(r).toMatchObject({ ruleSet: 'vn-2024', engineVersion: DECIDE_ENGINE_VERSION, referenceDate: '2024-12-10', campaignYear: 2024 });
    expect(DECIDE_ENGINE_VERSION).toBe('thidua-decide/1.1.0');
    expect(r.legalBasis).toEqual(['Luật Thi đua, khen thưởng số 06/2022/QH15', 'Nghị định số 98/2023/NĐ-CP', 'Thông tư số 01/2024/TT-BNV']);
    expect(r.options.ldttMinTenureMonths).toBe(6);
    expect(r.optionSources.ldttMinTenureMonths).toBe('06 tháng (TT 01/2024/TT-BNV) [S].');
  });
  it('decisions in tier order, then id; each with its summary', () => {
    const r = decideNominations(input());
    expect(r.decisions.map((d) => d.nominationId)).toEqual(['a', 'b', 't']);
    expect(r.decisions.every((d) => d.summary.length > 0)).toBe(true);
  });
  it('one step per tier, cut and note, in order', () => {
    expect(STEPS).toHaveLength(21);
  });
  it('refuses a list where one id appears twice', () => {
    expect(() => decideNominations(input({ nominations: [...noms, noms[0]] }))).toThrow(new DomainError('invalid', 'Mã hồ sơ b xuất hiện hai lần trong danh sách đề nghị.'));
    try {
      decideNominations(input({ nominations: [...noms, noms[0]] }));
    } catch (e) {
      expect(e).toMatchObject({ code: 'invalid', reason: 'request.invalid' });
    }
    expect.assertions(2);
  });
  it('a person without an id is known by unit, name (NFC) and hire date', () => {
    expect(personKeyOf({ ...person('Nguyễn Văn A'), personId: undefined, discipline: { status: 'none' }, initiatives: [], pastTitles: [], pastRatings: [] } as never)).toBe(
      `U1|${'Nguyễn Văn A'.normalize('NFC')}|2015-03-01`,
    );
    expect(personKeyOf({ ...person('Nguyễn Văn A'), personId: 'x' } as never)).toBe('x');
  });
});
