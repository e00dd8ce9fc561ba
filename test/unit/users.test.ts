/**
 * Enrolling people (shared/usecases/users.ts) through its two ports, with in-memory fakes: the table's records per
 * agency and a user pool shared by every agency, as the deployment's one Cognito pool is. Each case states the branch.
 */
import { DomainError } from '../../shared/domain/errors';
import { UserInput } from '../../shared/schemas/user';
import type { User } from '../../shared/schemas/user';
import { type Account, AccountExistsError, type IdentityProvider, type NewAccount, type UserStore, userUseCases } from '../../shared/usecases/users';
import type { Principal } from '../../shared/usecases/principal';

const NOW = '2026-12-01T05:00:00.000Z';
const admin = (agencyId = 'so-ngoai-vu', sub = 'admin-sub'): Principal => ({ sub, roles: ['admin'], agencyId });

function fakeStore(units: Record<string, string[]> = { 'so-ngoai-vu': ['VP', 'PHONG-LS'] }) {
  const records = new Map<string, User>();
  const key = (a: string, u: string) => `${a}|${u}`;
  const calls: string[] = [];
  let failMarkEnrolled = 0;
  const store: UserStore = {
    get: async (a, u) => records.get(key(a, u)),
    reserve: async (a, user) => {
      calls.push(`reserve ${a} ${user.username}`);
      const existing = records.get(key(a, user.username));
      if (existing && existing.state !== 'refused') return false;
      records.set(key(a, user.username), user);
      return true;
    },
    markEnrolled: async (a, u, sub, now) => {
      if (failMarkEnrolled-- > 0) throw new Error('the function died here');
      const r = records.get(key(a, u));
      if (r?.state !== 'pending') return undefined;
      const next = { ...r, state: 'enrolled' as const, sub, updatedAt: now };
      records.set(key(a, u), next);
      calls.push(`enrolled ${a} ${u}`);
      return next;
    },
    markRefused: async (a, u, now) => {
      const r = records.get(key(a, u))!;
      records.set(key(a, u), { ...r, state: 'refused', updatedAt: now });
    },
    markDisabled: async (a, u, by, now) => {
      const r = records.get(key(a, u))!;
      const next = { ...r, state: 'disabled' as const, disabledAt: now, disabledBy: by, updatedAt: now };
      records.set(key(a, u), next);
      return next;
    },
    list: async (a) => [...records.entries()].filter(([k]) => k.startsWith(`${a}|`)).map(([, v]) => v),
    unitExists: async (a, unitId) => (units[a] ?? []).includes(unitId),
  };
  return { store, records, calls, failNextMarkEnrolled: () => (failMarkEnrolled = 1) };
}

/** One pool for every agency: an address is one account, whoever made it. */
function fakePool() {
  const accounts = new Map<string, Account & { groups: string[]; created: NewAccount }>();
  const calls: string[] = [];
  let n = 0;
  let beforeCreate: (() => void) | undefined;
  const identity: IdentityProvider = {
    createAccount: async (account) => {
      beforeCreate?.();
      calls.push(`create ${account.username}`);
      if (accounts.has(account.username)) throw new AccountExistsError(account.username);
      const sub = `sub-${++n}`;
      accounts.set(account.username, { sub, agencyId: account.agencyId, enabled: true, groups: [], created: account });
      return { sub };
    },
    getAccount: async (u) => {
      const a = accounts.get(u);
      return a ? { sub: a.sub, ...(a.agencyId ? { agencyId: a.agencyId } : {}), enabled: a.enabled } : undefined;
    },
    addToGroup: async (u, g) => {
      calls.push(`group ${u} ${g}`);
      const a = accounts.get(u)!;
      if (!a.groups.includes(g)) a.groups.push(g);
    },
    disableAccount: async (u) => {
      calls.push(`disable ${u}`);
      accounts.get(u)!.enabled = false;
    },
  };
  /** An account made outside the API (by hand in the console, or by another agency at the same moment). */
  const plant = (username: string, agencyId?: string) =>
    accounts.set(username, { sub: `planted-${username}`, ...(agencyId ? { agencyId } : {}), enabled: true, groups: [], created: { username, email: username, name: '?', agencyId: agencyId ?? '' } });
  return { identity, accounts, calls, plant, onCreate: (f: () => void) => (beforeCreate = f) };
}

const input = (body: Record<string, unknown>) => UserInput.parse(body);
const reporter = () => input({ email: 'To.Vien@Example.org', name: 'Tô Viên', role: 'unit', unitId: 'PHONG-LS' });

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

describe('the request schema', () => {
  it.each<[Record<string, unknown>, string, string]>([
    [{ email: 'a@example.org', name: 'A', role: 'unit' }, 'unitId', 'a reporter needs a unit'],
    [{ email: 'a@example.org', name: 'A', role: 'viewer', unitId: 'VP' }, 'unitId', 'only a reporter has a unit'],
    [{ email: 'a@example.org', name: 'A', role: 'platform' }, 'role', 'platform cannot be granted: it is not in the enum'],
    [{ email: 'không-phải-email', name: 'A', role: 'viewer' }, 'email', 'an address'],
    [{ email: 'a@example.org', name: '  ', role: 'viewer' }, 'name', 'a name that is blank'],
    [{ email: 'a@example.org', name: 'A', role: 'viewer', agencyId: 'other' }, '', 'the agency is never the body’s: an unknown key'],
  ])('%j is refused at %s (%s)', (body, path) => {
    const parsed = UserInput.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('keeps the address lower-case and the name NFC', () => {
    expect(input({ email: ' A@Example.ORG ', name: 'Nguye\u0302\u0303n', role: 'admin' })).toEqual({ email: 'a@example.org', name: 'Nguyễn', role: 'admin' });
  });
});

describe('enrolling', () => {
  it('records the user pending, then creates the account with the caller’s agency and unit, puts it in its group, and marks it enrolled', async () => {
    const s = fakeStore();
    const p = fakePool();
    const order: string[] = [];
    p.onCreate(() => order.push(`record is ${s.records.get('so-ngoai-vu|to.vien@example.org')?.state} when the account is made`));
    const user = await userUseCases({ store: s.store, identity: p.identity }).enrol(admin(), reporter(), NOW);
    expect(order).toEqual(['record is pending when the account is made']);
    expect(user).toEqual({
      username: 'to.vien@example.org',
      email: 'to.vien@example.org',
      name: 'Tô Viên',
      role: 'unit',
      unitId: 'PHONG-LS',
      state: 'enrolled',
      sub: 'sub-1',
      createdAt: NOW,
      createdBy: 'admin-sub',
      updatedAt: NOW,
    });
    expect(p.accounts.get('to.vien@example.org')).toMatchObject({ agencyId: 'so-ngoai-vu', groups: ['unit'], created: { unitId: 'PHONG-LS', name: 'Tô Viên' } });
    expect(p.calls).toEqual(['create to.vien@example.org', 'group to.vien@example.org unit']);
  });

  it('refuses a unit the caller’s agency does not have (another agency’s unit included), writing nothing', async () => {
    const s = fakeStore({ 'so-ngoai-vu': ['VP'], 'so-noi-vu': ['PHONG-LS'] });
    const p = fakePool();
    const e = await refusal(userUseCases({ store: s.store, identity: p.identity }).enrol(admin(), reporter(), NOW));
    expect(e).toMatchObject({ code: 'invalid', reason: 'request.invalid', details: [{ path: 'unitId' }] });
    expect(s.records.size).toBe(0);
    expect(p.calls).toEqual([]);
  });

  it('an address already enrolled in the agency is 409 user.exists, and the pool is not called', async () => {
    const s = fakeStore();
    const p = fakePool();
    const users = userUseCases({ store: s.store, identity: p.identity });
    await users.enrol(admin(), reporter(), NOW);
    p.calls.length = 0;
    expect(await refusal(users.enrol(admin(), input({ email: 'to.vien@example.org', name: 'Tô Viên', role: 'viewer' }), NOW))).toMatchObject({ code: 'conflict', reason: 'user.exists' });
    expect(p.calls).toEqual([]);
  });

  it('an address that is another agency’s account is 409 user.taken before anything is written: never taken over', async () => {
    const s = fakeStore();
    const p = fakePool();
    p.plant('to.vien@example.org', 'so-noi-vu');
    expect(await refusal(userUseCases({ store: s.store, identity: p.identity }).enrol(admin(), reporter(), NOW))).toMatchObject({ code: 'conflict', reason: 'user.taken' });
    expect(s.records.size).toBe(0);
    expect(p.calls).toEqual([]);
    expect(p.accounts.get('to.vien@example.org')).toMatchObject({ agencyId: 'so-noi-vu', groups: [], enabled: true });
  });

  it('an account made by hand with no agency is not ours either', async () => {
    const s = fakeStore();
    const p = fakePool();
    p.plant('to.vien@example.org');
    expect(await refusal(userUseCases({ store: s.store, identity: p.identity }).enrol(admin(), reporter(), NOW))).toMatchObject({ reason: 'user.taken' });
    expect(p.accounts.get('to.vien@example.org')!.groups).toEqual([]);
  });

  it('another agency creating the address between the check and the call: 409, the record marked refused, their account untouched', async () => {
    const s = fakeStore();
    const p = fakePool();
    p.onCreate(() => {
      if (!p.accounts.has('to.vien@example.org')) p.plant('to.vien@example.org', 'so-noi-vu');
    });
    expect(await refusal(userUseCases({ store: s.store, identity: p.identity }).enrol(admin(), reporter(), NOW))).toMatchObject({ reason: 'user.taken' });
    expect(s.records.get('so-ngoai-vu|to.vien@example.org')!.state).toBe('refused');
    expect(p.accounts.get('to.vien@example.org')).toMatchObject({ agencyId: 'so-noi-vu', groups: [] });
  });

  it('a crash after the account was made: the same request again finishes it, with one account and one invitation', async () => {
    const s = fakeStore();
    const p = fakePool();
    const users = userUseCases({ store: s.store, identity: p.identity });
    s.failNextMarkEnrolled();
    await expect(users.enrol(admin(), reporter(), NOW)).rejects.toThrow('the function died here');
    expect(s.records.get('so-ngoai-vu|to.vien@example.org')!.state).toBe('pending');
    const user = await users.enrol(admin(), reporter(), NOW);
    expect(user).toMatchObject({ state: 'enrolled', sub: 'sub-1' });
    // The second create met the first account (this agency's) and took it as done: one account, made once.
    expect(p.calls.filter((c) => c.startsWith('create'))).toHaveLength(2);
    expect(p.accounts.size).toBe(1);
    expect(p.accounts.get('to.vien@example.org')!.groups).toEqual(['unit']);
  });

  it('a pending record and a different request for the same address: 409 user.pending_differs, nothing called', async () => {
    const s = fakeStore();
    const p = fakePool();
    const users = userUseCases({ store: s.store, identity: p.identity });
    s.failNextMarkEnrolled();
    await users.enrol(admin(), reporter(), NOW).catch(() => undefined);
    p.calls.length = 0;
    const other = input({ email: 'to.vien@example.org', name: 'Tô Viên', role: 'admin' });
    expect(await refusal(users.enrol(admin(), other, NOW))).toMatchObject({ reason: 'user.pending_differs' });
    expect(p.calls).toEqual([]);
  });

  it('after a refusal, the address can be tried again once the pool no longer has the other account', async () => {
    const s = fakeStore();
    const p = fakePool();
    p.onCreate(() => {
      if (!p.accounts.has('to.vien@example.org')) p.plant('to.vien@example.org', 'so-noi-vu');
    });
    const users = userUseCases({ store: s.store, identity: p.identity });
    await users.enrol(admin(), reporter(), NOW).catch(() => undefined);
    p.accounts.clear();
    p.onCreate(() => undefined);
    expect(await users.enrol(admin(), reporter(), NOW)).toMatchObject({ state: 'enrolled' });
  });

  it('the same address in two agencies: the first enrols, the second is refused', async () => {
    const s = fakeStore({ 'so-ngoai-vu': ['VP'], 'so-noi-vu': ['VP'] });
    const p = fakePool();
    const users = userUseCases({ store: s.store, identity: p.identity });
    const body = input({ email: 'x@example.org', name: 'X', role: 'viewer' });
    await users.enrol(admin('so-ngoai-vu'), body, NOW);
    expect(await refusal(users.enrol(admin('so-noi-vu'), body, NOW))).toMatchObject({ reason: 'user.taken' });
    expect(await users.list(admin('so-noi-vu'))).toEqual({ items: [] });
  });
});

describe('listing', () => {
  it('gives the caller’s agency’s users only, in Vietnamese order of their names', async () => {
    const s = fakeStore({ 'so-ngoai-vu': ['VP'], 'so-noi-vu': ['VP'] });
    const p = fakePool();
    const users = userUseCases({ store: s.store, identity: p.identity });
    for (const name of ['Đặng Văn B', 'Dương Thị A', 'Ánh', 'Bình']) {
      await users.enrol(admin(), input({ email: `${name.length}-${name.charCodeAt(0)}@example.org`, name, role: 'viewer' }), NOW);
    }
    await users.enrol(admin('so-noi-vu'), input({ email: 'noi-vu@example.org', name: 'An', role: 'admin' }), NOW);
    // vi: A < Á (accents after the base letter), D < Đ.
    expect((await users.list(admin())).items.map((u) => u.name)).toEqual(['Ánh', 'Bình', 'Dương Thị A', 'Đặng Văn B']);
    expect((await users.list(admin('so-noi-vu'))).items.map((u) => u.email)).toEqual(['noi-vu@example.org']);
  });
});

describe('disabling', () => {
  async function enrolled() {
    const s = fakeStore();
    const p = fakePool();
    const users = userUseCases({ store: s.store, identity: p.identity });
    await users.enrol(admin(), reporter(), NOW);
    p.calls.length = 0;
    return { s, p, users };
  }

  it('disables the account and marks the record, once', async () => {
    const { p, users } = await enrolled();
    const user = await users.disable(admin('so-ngoai-vu', 'other-admin'), 'TO.VIEN@example.org', '2026-12-02T00:00:00.000Z');
    expect(user).toMatchObject({ state: 'disabled', disabledBy: 'other-admin', disabledAt: '2026-12-02T00:00:00.000Z' });
    expect(p.accounts.get('to.vien@example.org')!.enabled).toBe(false);
    expect(await users.disable(admin(), 'to.vien@example.org', NOW)).toMatchObject({ state: 'disabled' });
    expect(p.calls).toEqual(['disable to.vien@example.org']);
  });

  it('another agency’s user is 404 there, and stays enabled', async () => {
    const { p, users } = await enrolled();
    expect(await refusal(users.disable(admin('so-noi-vu'), 'to.vien@example.org', NOW))).toMatchObject({ code: 'not-found', reason: 'user.not_found' });
    expect(p.accounts.get('to.vien@example.org')!.enabled).toBe(true);
    expect(p.calls).toEqual([]);
  });

  it('an admin cannot disable their own account', async () => {
    const { s, p, users } = await enrolled();
    const me = s.records.get('so-ngoai-vu|to.vien@example.org')!.sub!;
    expect(await refusal(users.disable(admin('so-ngoai-vu', me), 'to.vien@example.org', NOW))).toMatchObject({ code: 'conflict', reason: 'user.self' });
    expect(p.calls).toEqual([]);
  });

  it('a record left pending whose address became another agency’s account: the record is disabled, their account is not', async () => {
    const s = fakeStore();
    const p = fakePool();
    const users = userUseCases({ store: s.store, identity: p.identity });
    p.onCreate(() => {
      throw new Error('the function died before the call');
    });
    await users.enrol(admin(), reporter(), NOW).catch(() => undefined);
    p.plant('to.vien@example.org', 'so-noi-vu');
    expect(await users.disable(admin(), 'to.vien@example.org', NOW)).toMatchObject({ state: 'disabled' });
    expect(p.accounts.get('to.vien@example.org')!.enabled).toBe(true);
    expect(p.calls).toEqual([]);
  });

  it('a record disabled while its enrolment was making the account: the account made is disabled too', async () => {
    const s = fakeStore();
    const p = fakePool();
    const users = userUseCases({ store: s.store, identity: p.identity });
    p.onCreate(() => {
      // Another admin's disable finished just before the account was made: it found nothing to disable in the pool.
      const r = s.records.get('so-ngoai-vu|to.vien@example.org')!;
      s.records.set('so-ngoai-vu|to.vien@example.org', { ...r, state: 'disabled', disabledBy: 'other-admin', disabledAt: NOW });
    });
    expect(await refusal(users.enrol(admin(), reporter(), NOW))).toMatchObject({ reason: 'user.exists' });
    expect(s.records.get('so-ngoai-vu|to.vien@example.org')!.state).toBe('disabled');
    expect(p.accounts.get('to.vien@example.org')!.enabled).toBe(false);
  });

  it('a username that is not an address is refused naming it', async () => {
    const { users } = await enrolled();
    expect(await refusal(users.disable(admin(), 'not an address', NOW))).toMatchObject({ code: 'invalid', details: [{ path: 'username' }] });
  });
});
