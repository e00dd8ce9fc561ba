import { CampaignInput } from '../../shared/schemas/campaign';
import { RecipientGroupInput, UnitInput } from '../../shared/schemas/directory';
import { distinctSeedAddresses, seedCampaign, seedDirectory } from '../../seed/launch-letter-2023';

describe('the seed launch letter', () => {
  test('parses as a CampaignInput', () => {
    const parsed = CampaignInput.parse(seedCampaign);
    expect(parsed.documentNumber).toBe('15/KH-SNgV');
    expect(parsed.issuingBody).toBe('SỞ NGOẠI VỤ');
    expect(parsed.parentBody).toBe('UBND TỈNH LẠNG SƠN');
    expect(parsed.date).toBe('2023-03-05');
    expect(parsed.signer).toEqual({ name: 'Trịnh Tuyết Mai', position: 'Giám đốc' });
  });

  test('is stored text already: NFC and trimmed (parsing changes nothing)', () => {
    expect(CampaignInput.parse(seedCampaign)).toEqual({ ...seedCampaign, participatingUnits: seedCampaign.participatingUnits ?? [] });
  });

  test('Nơi nhận: the letter’s eight entries, in its order', () => {
    expect(seedCampaign.recipientGroups).toEqual(['HDTDKT_TINH', 'BAN_TDKT_SNV', 'CUM_TDTMTH', 'LANH_DAO_SO', 'HDTDKT_SO', 'PHONG_CM_NV', 'TRANG_TTDT', 'LUU_VT_VP']);
  });

  test('contents: five items (the letter numbers "3." twice); implementation: two', () => {
    expect(seedCampaign.contents).toHaveLength(5);
    expect(seedCampaign.implementation).toHaveLength(2);
    for (const item of [...seedCampaign.contents, ...seedCampaign.implementation]) expect(item).not.toMatch(/^\d+\./);
  });

  test('quotes the slogan verbatim, typo included, without markdown', () => {
    expect(seedCampaign.slogan).toBe('Siết chặt kỷ cương, tăng cường trách nhiệm, quyết liệt hành động, sáng tạo bút phá');
    expect(seedCampaign.theme).toContain(`"${seedCampaign.slogan}"`);
    expect(JSON.stringify(seedCampaign)).not.toContain('*');
  });

  test('deadlines are in order and in Vietnam time', () => {
    expect(seedCampaign.deadlines).toEqual({
      registration: '2023-03-31T17:00:00+07:00',
      reports: '2023-11-30T17:00:00+07:00',
      nominations: '2023-12-10T17:00:00+07:00',
    });
  });
});

describe('the seed directory', () => {
  test.each(seedDirectory.groups.map((g) => [g.code, g] as const))('group %s parses', (_code, { code: _c, ...g }) => {
    expect(() => RecipientGroupInput.parse(g)).not.toThrow();
  });

  test.each(seedDirectory.units.map((u) => [u.unitId, u] as const))('unit %s parses', (_id, { unitId: _u, ...u }) => {
    expect(() => UnitInput.parse(u)).not.toThrow();
  });

  test('kinds: six email groups with 2–6 addresses, one publication, one archive (no addresses)', () => {
    const byCode = new Map(seedDirectory.groups.map((g) => [g.code, g]));
    expect(byCode.get('TRANG_TTDT')).toMatchObject({ kind: 'publication', purpose: 'để đăng tin' });
    expect(byCode.get('TRANG_TTDT')?.emails ?? []).toEqual([]);
    expect(byCode.get('LUU_VT_VP')).toMatchObject({ kind: 'archive', name: 'Lưu: VT, VP' });
    expect(byCode.get('LUU_VT_VP')?.emails ?? []).toEqual([]);
    const email = seedDirectory.groups.filter((g) => g.kind === 'email');
    expect(email).toHaveLength(6);
    for (const g of email) {
      expect(g.emails?.length).toBeGreaterThanOrEqual(2);
      expect(g.emails?.length).toBeLessThanOrEqual(6);
    }
  });

  test('every address is an example.org address', () => {
    const all = [...seedDirectory.groups.flatMap((g) => g.emails ?? []), ...seedDirectory.units.flatMap((u) => u.emails)];
    for (const a of all) expect(a.trim().toLowerCase()).toMatch(/^[a-z0-9.]+@example\.org$/);
  });

  test('the campaign’s groups and units all exist in the directory', () => {
    const codes = new Set(seedDirectory.groups.map((g) => g.code));
    const units = new Set(seedDirectory.units.map((u) => u.unitId));
    for (const c of seedCampaign.recipientGroups) expect(codes.has(c)).toBe(true);
    for (const u of seedCampaign.participatingUnits ?? []) expect(units.has(u)).toBe(true);
    expect(seedCampaign.participatingUnits).toEqual(['VP', 'TTR', 'QLBG', 'HTQT', 'TTDV']);
  });

  test('some people are on two lists, one copy differently cased and padded', () => {
    const raw = seedDirectory.groups.flatMap((g) => g.emails ?? []);
    expect(raw).toContain(' Mai.TT@Example.org');
    expect(raw).toContain('mai.tt@example.org');
  });
});

describe('distinctSeedAddresses', () => {
  // Computed another way: through the schemas' own normalisation (zod's email transform), over
  // the parsed directory rather than the raw seed.
  const viaSchemas = () => {
    const parsed = new Map(seedDirectory.groups.map(({ code, ...g }) => [code, RecipientGroupInput.parse(g)]));
    const units = new Map(seedDirectory.units.map(({ unitId, ...u }) => [unitId, UnitInput.parse(u)]));
    const set = new Set<string>();
    for (const c of seedCampaign.recipientGroups) for (const a of parsed.get(c)?.emails ?? []) set.add(a);
    for (const u of seedCampaign.participatingUnits ?? []) for (const a of units.get(u)?.emails ?? []) set.add(a);
    return set;
  };

  test('matches the schema-normalised set', () => {
    expect(new Set(distinctSeedAddresses())).toEqual(viaSchemas());
  });

  test('is 21 people: 21 group + 8 unit addresses, less the duplicates counted by hand', () => {
    const rawCount = seedDirectory.groups.reduce((n, g) => n + (g.emails?.length ?? 0), 0) + seedDirectory.units.reduce((n, u) => n + u.emails.length, 0);
    expect(rawCount).toBe(29);
    // Duplicates: mai.tt ×2, hung.nv ×2, thao.ht ×3 (HĐTĐKT Sở, phòng CM NV, unit VP), thanhtra ×2,
    // qlbg ×2, htqt ×2, ttdv ×2 → 1+1+2+1+1+1+1 = 8 extra copies; archive/publication have none.
    expect(distinctSeedAddresses()).toHaveLength(29 - 8);
  });

  test('is sorted, trimmed and lower-case', () => {
    const list = distinctSeedAddresses();
    expect(list).toEqual([...list].sort());
    for (const a of list) expect(a).toBe(a.trim().toLowerCase());
  });
});
