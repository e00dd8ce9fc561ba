import { DomainError } from '../domain/errors';
import { email as emailSchema } from '../schemas/fields';
import type { User, UserInput, UserRole } from '../schemas/user';
import { parseParam } from './params';
import type { Principal } from './principal';

/*
 * Enrolling people through the API (issue 10 "Users through the API"). Only an agency's `admin` calls these (the route
 * table says so); every key is under the caller's agency, so an admin reads and changes only its own agency's users.
 *
 * The user pool is shared by every agency of the deployment and signs in by email, so an address is one account
 * pool-wide: the identity provider is the arbiter of who owns an address, and the table records what this agency
 * asked for. Enrolment is safe to retry: the user is recorded (`pending`) before the identity provider is called, an
 * account that already exists in this agency is taken as this attempt's (a crash after the call), and the record is
 * marked `enrolled` last. An account of another agency is never taken over: 409, and it is neither changed nor disabled.
 */

/** What the use case needs from the table (an adapter: shared/store/users.ts). */
export interface UserStore {
  get(agencyId: string, username: string): Promise<User | undefined>;
  /** Writes the `pending` record unless a record other than a `refused` one is there; false when one is. */
  reserve(agencyId: string, user: User): Promise<boolean>;
  /** `pending` → `enrolled`; undefined when the record is no longer pending (a concurrent attempt finished first). */
  markEnrolled(agencyId: string, username: string, sub: string, now: string): Promise<User | undefined>;
  markRefused(agencyId: string, username: string, now: string): Promise<void>;
  markDisabled(agencyId: string, username: string, by: string, now: string): Promise<User>;
  list(agencyId: string): Promise<User[]>;
  /** Whether the agency's directory has this unit. */
  unitExists(agencyId: string, unitId: string): Promise<boolean>;
}

export interface NewAccount {
  username: string;
  email: string;
  name: string;
  agencyId: string;
  unitId?: string;
}

export interface Account {
  sub: string;
  /** The account's agency (`custom:agencyId`); undefined for an account made by hand before agencies existed. */
  agencyId?: string;
  enabled: boolean;
}

/** The account exists already (Cognito's UsernameExistsException). */
export class AccountExistsError extends Error {
  constructor(username: string) {
    super(`an account named ${username} exists already`);
    this.name = 'AccountExistsError';
  }
}

/** The identity provider, as this use case needs it (an adapter: shared/identity/cognito.ts). */
export interface IdentityProvider {
  /** Creates the account and sends the invitation (a temporary password); throws AccountExistsError if it exists. */
  createAccount(account: NewAccount): Promise<{ sub: string }>;
  getAccount(username: string): Promise<Account | undefined>;
  /** Idempotent: adding a member twice leaves one membership. */
  addToGroup(username: string, group: UserRole): Promise<void>;
  disableAccount(username: string): Promise<void>;
}

export interface UserPorts {
  store: UserStore;
  identity: IdentityProvider;
}

// Built on the first listing, not at import: the collator loads ICU's Vietnamese data, about 2 ms of every cold start of the API
// (issue 9 "Lighter bundles", `npm run bench`), for a route few invocations serve.
let collator: Intl.Collator | undefined;
const vietnamese = () => {
  collator ??= new Intl.Collator('vi');
  return collator;
};

const exists = (u: User) =>
  new DomainError('conflict', `Đã có tài khoản ${u.username} trong cơ quan (trạng thái: ${u.state}).`, [{ path: 'email', message: 'địa chỉ này đã được ghi danh' }], 'user.exists');
/** Said the same whether the other account was made through the API or by hand: nothing about the other agency. */
const taken = (username: string) =>
  new DomainError('conflict', `Địa chỉ ${username} đã là tài khoản của một cơ quan khác; không thể ghi danh vào cơ quan này.`, [{ path: 'email', message: 'địa chỉ đã được dùng' }], 'user.taken');
const notFound = (username: string) => new DomainError('not-found', `Không có người dùng ${username} trong cơ quan.`, undefined, 'user.not_found');

/** Same person, same grant: a retry of the attempt that left this record pending. */
const sameRequest = (u: User, input: UserInput) => u.name === input.name && u.role === input.role && u.unitId === input.unitId;

export function userUseCases({ store, identity }: UserPorts) {
  /** An account of this agency, or none; an account of another agency (or of none) is never ours to touch. */
  async function ownAccount(agencyId: string, username: string): Promise<{ mine: Account | undefined; foreign: boolean }> {
    const account = await identity.getAccount(username);
    if (!account) return { mine: undefined, foreign: false };
    return account.agencyId === agencyId ? { mine: account, foreign: false } : { mine: undefined, foreign: true };
  }

  async function enrol(principal: Principal, input: UserInput, now: string): Promise<User> {
    const { agencyId } = principal;
    const username = input.email;
    if (input.unitId !== undefined && !(await store.unitExists(agencyId, input.unitId))) {
      throw new DomainError('invalid', 'Dữ liệu không hợp lệ: unitId', [{ path: 'unitId', message: `không có đơn vị "${input.unitId}" trong danh bạ của cơ quan` }]);
    }
    let record = await store.get(agencyId, username);
    if (record && record.state !== 'refused' && !(record.state === 'pending' && sameRequest(record, input))) {
      if (record.state === 'pending') {
        throw new DomainError('conflict', `Tài khoản ${username} đang được ghi danh với thông tin khác; gửi lại đúng họ tên, vai trò và đơn vị đã gửi để hoàn tất.`, undefined, 'user.pending_differs');
      }
      throw exists(record);
    }
    if (!record || record.state === 'refused') {
      // Checked before anything is written, so the usual refusal leaves no trace; the identity provider settles the
      // race of two agencies enrolling one address at once (below).
      if ((await ownAccount(agencyId, username)).foreign) throw taken(username);
      const pending: User = {
        username,
        email: input.email,
        name: input.name,
        role: input.role,
        ...(input.unitId !== undefined ? { unitId: input.unitId } : {}),
        state: 'pending',
        createdAt: now,
        createdBy: principal.sub,
        updatedAt: now,
      };
      if (!(await store.reserve(agencyId, pending))) {
        // Another request of this agency recorded it in between: the same request resumes, another is refused.
        record = await store.get(agencyId, username);
        if (record?.state !== 'pending' || !sameRequest(record, input)) throw exists(record ?? pending);
      }
    }

    let sub: string;
    try {
      sub = (await identity.createAccount({ username, email: input.email, name: input.name, agencyId, ...(input.unitId !== undefined ? { unitId: input.unitId } : {}) })).sub;
    } catch (error) {
      if (!(error instanceof AccountExistsError)) throw error;
      const { mine } = await ownAccount(agencyId, username);
      if (!mine) {
        await store.markRefused(agencyId, username, now);
        throw taken(username);
      }
      // Ours: an earlier attempt created it and stopped before marking the record (its invitation went then).
      sub = mine.sub;
    }
    await identity.addToGroup(username, input.role);
    const enrolled = await store.markEnrolled(agencyId, username, sub, now);
    if (enrolled) return enrolled;
    const current = await store.get(agencyId, username);
    if (current?.state === 'enrolled') return current;
    // Disabled while this enrolment ran (the account did not exist yet when the admin disabled the record): the
    // account just made must not stay open.
    if (current?.state === 'disabled') await identity.disableAccount(username);
    throw exists(current ?? { ...input, username, state: 'pending', createdAt: now, createdBy: principal.sub, updatedAt: now });
  }

  async function list(principal: Principal): Promise<{ items: User[] }> {
    const items = await store.list(principal.agencyId);
    return { items: items.sort((a, b) => vietnamese().compare(a.name, b.name) || a.username.localeCompare(b.username)) };
  }

  /**
   * Disables the account (it can no longer sign in) and marks the record. Idempotent. The account is disabled only if
   * it is this agency's: a record left `pending` or `refused` may name an address another agency owns.
   */
  async function disable(principal: Principal, rawUsername: unknown, now: string): Promise<User> {
    const { agencyId } = principal;
    const username = parseParam(emailSchema, rawUsername, 'username');
    const record = await store.get(agencyId, username);
    if (!record || record.state === 'refused') throw notFound(username);
    if (record.state === 'disabled') return record;
    // The Office must not lock itself out by mistake: another admin disables an admin.
    if (record.sub !== undefined && record.sub === principal.sub) {
      throw new DomainError('conflict', 'Không thể tự vô hiệu hoá tài khoản của chính mình; nhờ một quản trị viên khác của cơ quan.', undefined, 'user.self');
    }
    const { mine } = await ownAccount(agencyId, username);
    if (mine?.enabled) await identity.disableAccount(username);
    return store.markDisabled(agencyId, username, principal.sub, now);
  }

  return { enrol, list, disable };
}

export type { User, UserInput };
