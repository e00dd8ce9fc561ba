/**
 * `npm run smoke` (scripts/smoke.ts), its cloud mode offline: the command line, the stack's outputs through a mocked
 * CloudFormation, the TOTP codes (RFC 6238's vectors), the MFA sign-in against a scripted Cognito, the accounts it
 * makes and deletes through a mocked Cognito admin client (what, in which order), and a cloud run that fails midway
 * still deleting what it made. The whole run is exercised against the twin in test/integration/smoke.test.ts.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminDeleteUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import type { Cognito, CognitoOperation } from '../../scripts/login';
import { cloudAccounts, fullQueues, parseSmokeArgs, resolveTarget, runIdAt, signInTotp, smoke, totp } from '../../scripts/smoke';

type Call = { operation: CognitoOperation; input: Record<string, unknown> };

/** A Cognito (the public sign-in operations) that answers with the next scripted reply and records the calls. */
function scripted(replies: unknown[]): Cognito & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    async call<T>(operation: CognitoOperation, input: Record<string, unknown>) {
      calls.push({ operation, input });
      if (replies.length === 0) throw new Error(`unexpected call ${operation}`);
      return replies.shift() as T;
    },
  };
}

/** One fresh account's sign-in: password accepted, MFA to set up, the code verified, tokens. */
const freshSignIn = (idToken: string) => [
  { ChallengeName: 'MFA_SETUP', Session: 's1', ChallengeParameters: { USER_ID_FOR_SRP: `uuid-${idToken}` } },
  { SecretCode: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', Session: 's2' },
  { Status: 'SUCCESS', Session: 's3' },
  { AuthenticationResult: { IdToken: idToken } },
];

describe('the command line', () => {
  it('without flags, the twin where npm start put it; --url alone, a twin there', () => {
    expect(parseSmokeArgs([], {})).toEqual({ kind: 'twin', apiUrl: 'http://127.0.0.1:3000', timeoutSeconds: 180 });
    expect(parseSmokeArgs([], { PORT: '3700' })).toMatchObject({ kind: 'twin', apiUrl: 'http://127.0.0.1:3700' });
    expect(parseSmokeArgs(['--url', 'http://10.0.0.5:3000/', '--timeout', '30'], { PORT: '3700' })).toEqual({ kind: 'twin', apiUrl: 'http://10.0.0.5:3000', timeoutSeconds: 30 });
  });

  it('--stack, with an optional region and an API URL that overrides the output', () => {
    expect(parseSmokeArgs(['--stack', 'Thidua-dev'], {})).toEqual({ kind: 'stack', stack: 'Thidua-dev', timeoutSeconds: 180 });
    expect(parseSmokeArgs(['--stack', 'Thidua-dev', '--region', 'ap-southeast-1', '--url', 'https://api.so.gov.vn'], {})).toEqual({
      kind: 'stack',
      stack: 'Thidua-dev',
      region: 'ap-southeast-1',
      apiUrl: 'https://api.so.gov.vn',
      timeoutSeconds: 180,
    });
  });

  it('a deployed API without CloudFormation needs the URL, the region, the pool and the client together', () => {
    expect(parseSmokeArgs(['--url', 'https://x.execute-api.ap-southeast-1.amazonaws.com/', '--region', 'ap-southeast-1', '--user-pool-id', 'ap-southeast-1_Ab', '--client-id', 'c1'], {})).toEqual({
      kind: 'cloud',
      apiUrl: 'https://x.execute-api.ap-southeast-1.amazonaws.com',
      pool: { region: 'ap-southeast-1', userPoolId: 'ap-southeast-1_Ab', clientId: 'c1' },
      timeoutSeconds: 180,
    });
    expect(() => parseSmokeArgs(['--url', 'https://x', '--region', 'ap-southeast-1'], {})).toThrow(/needs --url, --region, --user-pool-id and --client-id together/);
    expect(() => parseSmokeArgs(['--region', 'ap-southeast-1', '--user-pool-id', 'p', '--client-id', 'c'], {})).toThrow(/needs --url/);
    expect(() => parseSmokeArgs(['--stack', 'S', '--client-id', 'c'], {})).toThrow(/--stack reads the user pool from the stack/);
  });

  it('refuses what it cannot use, saying what', () => {
    expect(() => parseSmokeArgs(['--timeout', 'soon'], {})).toThrow('--timeout must be a number of seconds, got "soon"');
    expect(() => parseSmokeArgs(['--url', 'ftp://x'], {})).toThrow('--url must be an http(s) URL');
    expect(() => parseSmokeArgs(['--url', 'not a url'], {})).toThrow('--url must be an http(s) URL');
    expect(() => parseSmokeArgs(['Thidua-dev'], {})).toThrow('unexpected argument "Thidua-dev"');
    expect(() => parseSmokeArgs(['--bogus'], {})).toThrow(/bogus/);
    expect(parseSmokeArgs(['--help'], {})).toEqual({ kind: 'help' });
  });

  it('names each run after the UTC time, as an agency id may be spelled', () => {
    expect(runIdAt(new Date('2026-12-01T05:12:09.345Z'))).toBe('smoke-20261201051209');
  });
});

describe('the stack’s outputs', () => {
  const cf = mockClient(CloudFormationClient);
  afterEach(() => cf.reset());
  const outputs = (o: Record<string, string>) => ({
    Stacks: [{ StackName: 'S', CreationTime: new Date(), StackStatus: 'CREATE_COMPLETE' as const, Outputs: Object.entries(o).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })) }],
  });
  const base = { Region: 'ap-southeast-1', UserPoolId: 'ap-southeast-1_Ab', UserPoolClientId: 'c1' };

  it('the API (without its trailing slash) and the pool, from DescribeStacks of the named stack', async () => {
    cf.on(DescribeStacksCommand, { StackName: 'Thidua-dev' }).resolves(outputs({ ...base, ApiUrl: 'https://x.execute-api.ap-southeast-1.amazonaws.com/' }));
    const target = await resolveTarget({ kind: 'stack', stack: 'Thidua-dev', timeoutSeconds: 60 }, new CloudFormationClient({ region: 'ap-southeast-1' }));
    expect(target).toEqual({
      apiUrl: 'https://x.execute-api.ap-southeast-1.amazonaws.com',
      pool: { region: 'ap-southeast-1', userPoolId: 'ap-southeast-1_Ab', clientId: 'c1' },
      name: 'stack Thidua-dev',
      timeoutSeconds: 60,
      deadLetterQueues: [],
    });
    expect(cf.commandCalls(DescribeStacksCommand).every((c) => c.args[0].input.StackName === 'Thidua-dev')).toBe(true);
  });

  it('every dead-letter queue the stack outputs: the consumers’, the subscriptions’ and the router’s failed batches', async () => {
    cf.on(DescribeStacksCommand).resolves(
      outputs({
        ...base,
        ApiUrl: 'https://x/',
        MailerDeadLetterQueueUrl: 'https://sqs/mailer-dlq',
        MailerDeadLetterQueueArn: 'arn:aws:sqs:…:mailer-dlq',
        MailerQueueArn: 'arn:aws:sqs:…:mailer',
        OnSesEventSubscriptionDeadLetterQueueUrl: 'https://sqs/ses-sub-dlq',
        StreamRouterFailedInvocationsQueueUrl: 'https://sqs/router-failed',
      }),
    );
    const target = await resolveTarget({ kind: 'stack', stack: 'S', timeoutSeconds: 60 }, new CloudFormationClient({ region: 'ap-southeast-1' }));
    expect(target.deadLetterQueues).toEqual([
      { name: 'MailerDeadLetterQueue', url: 'https://sqs/mailer-dlq' },
      { name: 'OnSesEventSubscriptionDeadLetterQueue', url: 'https://sqs/ses-sub-dlq' },
      { name: 'StreamRouterFailedInvocationsQueue', url: 'https://sqs/router-failed' },
    ]);
  });

  it('the custom domain when the stack has one; --url over both', async () => {
    cf.on(DescribeStacksCommand).resolves(outputs({ ...base, ApiUrl: 'https://x.execute-api/', ApiCustomUrl: 'https://api.so.gov.vn/' }));
    const client = new CloudFormationClient({ region: 'ap-southeast-1' });
    expect((await resolveTarget({ kind: 'stack', stack: 'S', timeoutSeconds: 60 }, client)).apiUrl).toBe('https://api.so.gov.vn');
    expect((await resolveTarget({ kind: 'stack', stack: 'S', apiUrl: 'https://other', timeoutSeconds: 60 }, client)).apiUrl).toBe('https://other');
  });

  it('a stack without the pool’s outputs, or without an API URL, is refused by name', async () => {
    const client = new CloudFormationClient({ region: 'ap-southeast-1' });
    cf.on(DescribeStacksCommand).resolves(outputs({ Region: 'ap-southeast-1', ApiUrl: 'https://x/' }));
    await expect(resolveTarget({ kind: 'stack', stack: 'Old', timeoutSeconds: 60 }, client)).rejects.toThrow('stack Old has no output UserPoolId');
    cf.reset();
    cf.on(DescribeStacksCommand).resolves(outputs(base));
    await expect(resolveTarget({ kind: 'stack', stack: 'S', timeoutSeconds: 60 }, client)).rejects.toThrow('stack S has no output ApiUrl: give --url');
  });

  it('the twin and a pool given by flags need no CloudFormation', async () => {
    expect(await resolveTarget({ kind: 'twin', apiUrl: 'http://127.0.0.1:3000', timeoutSeconds: 5 })).toEqual({ apiUrl: 'http://127.0.0.1:3000', name: 'twin', timeoutSeconds: 5 });
    const pool = { region: 'ap-southeast-1', userPoolId: 'p', clientId: 'c' };
    expect(await resolveTarget({ kind: 'cloud', apiUrl: 'https://x', pool, timeoutSeconds: 5 })).toMatchObject({ apiUrl: 'https://x', pool });
    expect(cf.calls()).toHaveLength(0);
  });
});

describe('the dead-letter queues', () => {
  const sqs = mockClient(SQSClient);
  afterEach(() => sqs.reset());
  it('each asked for its messages, visible and in flight; the ones holding any named with their count', async () => {
    sqs.on(GetQueueAttributesCommand, { QueueUrl: 'https://sqs/a' }).resolves({ Attributes: { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' } });
    sqs.on(GetQueueAttributesCommand, { QueueUrl: 'https://sqs/b' }).resolves({ Attributes: { ApproximateNumberOfMessages: '2', ApproximateNumberOfMessagesNotVisible: '1' } });
    sqs.on(GetQueueAttributesCommand, { QueueUrl: 'https://sqs/c' }).resolves({ Attributes: { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '4' } });
    const queues = [
      { name: 'A', url: 'https://sqs/a' },
      { name: 'B', url: 'https://sqs/b' },
      { name: 'C', url: 'https://sqs/c' },
    ];
    expect(await fullQueues(new SQSClient({ region: 'ap-southeast-1' }), queues)).toEqual(['B 3', 'C 4']);
    expect(sqs.commandCalls(GetQueueAttributesCommand).map((c) => c.args[0].input)).toEqual(
      queues.map((q) => ({ QueueUrl: q.url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] })),
    );
  });
});

describe('TOTP (RFC 6238, appendix B, SHA-1, the last six digits)', () => {
  // The RFC's secret "12345678901234567890" in base32.
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
    [20000000000, '353130'],
  ])('at %i s: %s', (seconds, code) => {
    expect(totp(secret, seconds * 1000)).toBe(code);
  });
  it('lower case and padding are the same secret; anything else is refused', () => {
    expect(totp(`${secret.toLowerCase()}==`, 59_000)).toBe('287082');
    expect(() => totp('GEZ1', 0)).toThrow('not base32');
  });
});

describe('signing in without a person (USER_PASSWORD_AUTH, MFA set up with computed codes)', () => {
  const at = 1_234_567_890_000;
  it('a fresh account: the authenticator registered and verified with the code for now, then the tokens', async () => {
    const cognito = scripted(freshSignIn('id.jwt'));
    const out = await signInTotp(cognito, { clientId: 'c1', username: 'a@x', password: 'P' }, () => at);
    expect(out).toEqual({ idToken: 'id.jwt' });
    expect(cognito.calls).toEqual([
      { operation: 'InitiateAuth', input: { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c1', AuthParameters: { USERNAME: 'a@x', PASSWORD: 'P' } } },
      { operation: 'AssociateSoftwareToken', input: { Session: 's1' } },
      { operation: 'VerifySoftwareToken', input: { Session: 's2', UserCode: '005924', FriendlyDeviceName: 'smoke' } },
      // The pool's own username from the challenge (sign-in by email), the session of the verification.
      { operation: 'RespondToAuthChallenge', input: { ClientId: 'c1', ChallengeName: 'MFA_SETUP', Session: 's3', ChallengeResponses: { USERNAME: 'uuid-id.jwt' } } },
    ]);
  });

  it('a code asked for after the set-up is answered from the same secret', async () => {
    const [setup, associate, verify] = freshSignIn('x');
    const cognito = scripted([
      setup,
      associate,
      verify,
      { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's4', ChallengeParameters: { USERNAME: 'uuid' } },
      { AuthenticationResult: { IdToken: 'id2' } },
    ]);
    expect(await signInTotp(cognito, { clientId: 'c1', username: 'a@x', password: 'P' }, () => at)).toEqual({ idToken: 'id2' });
    expect(cognito.calls.at(-1)?.input).toEqual({ ClientId: 'c1', ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's4', ChallengeResponses: { USERNAME: 'uuid', SOFTWARE_TOKEN_MFA_CODE: '005924' } });
  });

  it('refuses what it cannot answer, saying what', async () => {
    await expect(signInTotp(scripted([{ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's' }]), { clientId: 'c', username: 'a@x', password: 'P' })).rejects.toThrow(
      'a@x already has an authenticator the smoke test does not know',
    );
    await expect(signInTotp(scripted([{ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's' }]), { clientId: 'c', username: 'a@x', password: 'P' })).rejects.toThrow(
      'Cognito asked for NEW_PASSWORD_REQUIRED',
    );
    const [setup, associate] = freshSignIn('x');
    await expect(signInTotp(scripted([setup, associate, { Status: 'ERROR' }]), { clientId: 'c', username: 'a@x', password: 'P' })).rejects.toThrow(/computed authenticator code \(ERROR\).*clock/);
  });
});

describe('the cloud’s accounts', () => {
  const idp = mockClient(CognitoIdentityProviderClient);
  afterEach(() => idp.reset());
  const pool = { region: 'ap-southeast-1', userPoolId: 'ap-southeast-1_Ab', clientId: 'c1' };
  const RUN = 'smoke-20261201051209';
  /** Each Cognito admin call in order: its name and the username it is about. */
  const adminCalls = () => idp.calls().map((c) => [c.args[0].constructor.name, (c.args[0].input as { Username?: string }).Username]);

  it('the platform operator: made without an invitation and in no agency, grouped, given a password, signed in; the people the API enrolled: only given a password and signed in', async () => {
    idp.onAnyCommand().resolves({});
    const cognito = scripted([...freshSignIn('platform.jwt'), ...freshSignIn('admin.jwt')]);
    const accounts = cloudAccounts(pool, RUN, { idp: new CognitoIdentityProviderClient({ region: pool.region }), cognito, now: () => 0 });
    expect(await accounts.platform()).toBe('platform.jwt');
    const platform = `success+${RUN}-platform@simulator.amazonses.com`;
    const admin = `success+${RUN}-admin@simulator.amazonses.com`;
    expect(await accounts.enrolled(admin)).toBe('admin.jwt');
    expect(adminCalls()).toEqual([
      ['AdminCreateUserCommand', platform],
      ['AdminAddUserToGroupCommand', platform],
      ['AdminSetUserPasswordCommand', platform],
      ['AdminSetUserPasswordCommand', admin],
    ]);
    const [createPlatform] = idp.commandCalls(AdminCreateUserCommand).map((c) => c.args[0].input);
    expect(createPlatform).toMatchObject({ UserPoolId: pool.userPoolId, Username: platform, MessageAction: 'SUPPRESS' });
    expect(createPlatform!.UserAttributes?.some((a) => a.Name === 'custom:agencyId')).toBe(false);
    expect(idp.commandCalls(AdminAddUserToGroupCommand).map((c) => c.args[0].input.GroupName)).toEqual(['platform']);
    // A permanent password the pool's policy accepts, a different one per account, used to sign in.
    const passwords = idp.commandCalls(AdminSetUserPasswordCommand).map((c) => c.args[0].input);
    expect(passwords.every((p) => p.Permanent === true && /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z0-9]).{12,}$/.test(p.Password!))).toBe(true);
    expect(passwords[0]!.Password).not.toBe(passwords[1]!.Password);
    const initiated = cognito.calls.filter((c) => c.operation === 'InitiateAuth').map((c) => c.input.AuthParameters);
    expect(initiated).toEqual([
      { USERNAME: platform, PASSWORD: passwords[0]!.Password },
      { USERNAME: admin, PASSWORD: passwords[1]!.Password },
    ]);
  });

  it('the cleanup deletes every account, made or enrolled, in order, tolerating one already gone', async () => {
    idp.onAnyCommand().resolves({});
    idp.on(AdminDeleteUserCommand, { Username: `success+${RUN}-admin@simulator.amazonses.com` }).rejects(Object.assign(new Error('User does not exist.'), { name: 'UserNotFoundException' }));
    const cognito = scripted([...freshSignIn('p'), ...freshSignIn('a'), ...freshSignIn('reporter.jwt')]);
    const accounts = cloudAccounts(pool, RUN, { idp: new CognitoIdentityProviderClient({ region: pool.region }), cognito, now: () => 0 });
    await accounts.platform();
    await accounts.enrolled(`success+${RUN}-admin@simulator.amazonses.com`);
    expect(await accounts.enrolled('rep@so.gov.vn')).toBe('reporter.jwt');
    idp.resetHistory();
    expect(await accounts.cleanup()).toBe('3 accounts deleted from the user pool');
    expect(adminCalls()).toEqual([
      ['AdminDeleteUserCommand', `success+${RUN}-platform@simulator.amazonses.com`],
      ['AdminDeleteUserCommand', `success+${RUN}-admin@simulator.amazonses.com`],
      ['AdminDeleteUserCommand', 'rep@so.gov.vn'],
    ]);
  });

  it('a deletion refused is reported with the command to finish by hand, after trying every other', async () => {
    idp.onAnyCommand().resolves({});
    idp.on(AdminDeleteUserCommand, { Username: `success+${RUN}-platform@simulator.amazonses.com` }).rejects(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' }));
    const accounts = cloudAccounts(pool, RUN, { idp: new CognitoIdentityProviderClient({ region: pool.region }), cognito: scripted([...freshSignIn('p'), ...freshSignIn('r')]), now: () => 0 });
    await accounts.platform();
    await accounts.enrolled('rep@so.gov.vn');
    await expect(accounts.cleanup()).rejects.toThrow(`could not delete success+${RUN}-platform@simulator.amazonses.com (not allowed): delete them with aws cognito-idp admin-delete-user`);
    expect(idp.commandCalls(AdminDeleteUserCommand).map((c) => c.args[0].input.Username)).toEqual([`success+${RUN}-platform@simulator.amazonses.com`, 'rep@so.gov.vn']);
  });

  it('a cloud run refused midway stops at that step and still deletes the account it made', async () => {
    idp.onAnyCommand().resolves({});
    const cognito = scripted(freshSignIn('platform.jwt'));
    /** The deployed API: healthy, its document, then a fault on creating the agency. */
    const asked: string[] = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      const { pathname } = new URL(url);
      asked.push(`${init.method} ${pathname} ${(init.headers as Record<string, string>).authorization ?? ''}`.trim());
      if (pathname === '/prod/health') return new Response(JSON.stringify({ status: 'ok' }));
      if (pathname === '/prod/openapi.json') return new Response(JSON.stringify({ openapi: '3.1.0', paths: { '/campaigns/{id}/issue': {} } }));
      return new Response(JSON.stringify({ code: 'internal', message: 'Lỗi hệ thống' }), { status: 500 });
    }) as typeof fetch;
    const lines: string[] = [];
    const result = await smoke(
      { apiUrl: 'https://x.execute-api.ap-southeast-1.amazonaws.com/prod', pool, name: 'stack S', timeoutSeconds: 5 },
      { out: (l) => lines.push(l), fetch: fakeFetch, runId: RUN, accounts: cloudAccounts(pool, RUN, { idp: new CognitoIdentityProviderClient({ region: pool.region }), cognito, now: () => 0 }) },
    );
    expect(result.ok).toBe(false);
    expect(result.steps.map((s) => [s.label, s.ok])).toEqual([
      ['health', true],
      ['the API document', true],
      ['the platform operator signs in', true],
      [`agency ${RUN} created`, false],
      ['cleanup', true],
    ]);
    expect(asked).toEqual(['GET /prod/health', 'GET /prod/openapi.json', `PUT /prod/agencies/${RUN} Bearer platform.jwt`]);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^✗ agency ${RUN} created — PUT /agencies/${RUN} answered 500 \\(expected 200\\): internal: Lỗi hệ thống \\(\\d+ ms\\)$`)));
    expect(lines).toContainEqual(expect.stringMatching(/^✓ cleanup — 1 account deleted from the user pool/));
    expect(idp.commandCalls(AdminDeleteUserCommand).map((c) => c.args[0].input.Username)).toEqual([`success+${RUN}-platform@simulator.amazonses.com`]);
  });
});

describe('a deployed API taken for a twin', () => {
  it('fails at the first sign-in, saying which flags a deployed API needs', async () => {
    const fakeFetch = (async (url: string) => {
      const { pathname } = new URL(url);
      if (pathname === '/health') return new Response(JSON.stringify({ status: 'ok' }));
      if (pathname === '/openapi.json') return new Response(JSON.stringify({ openapi: '3.1.0', paths: { '/campaigns/{id}/issue': {} } }));
      // API Gateway's own answer to a route it does not have.
      return new Response(JSON.stringify({ message: 'Not Found' }), { status: 404 });
    }) as typeof fetch;
    const lines: string[] = [];
    const result = await smoke({ apiUrl: 'https://x.execute-api.ap-southeast-1.amazonaws.com', name: 'twin', timeoutSeconds: 5 }, { out: (l) => lines.push(l), fetch: fakeFetch });
    expect(result.ok).toBe(false);
    expect(result.steps.find((s) => !s.ok)).toMatchObject({
      label: 'the platform operator signs in',
      detail: 'POST /local/token answered 404 (expected 200): Not Found; a deployed API? give --stack, or --region, --user-pool-id and --client-id',
    });
  });
});

describe('the command', () => {
  const root = path.resolve(__dirname, '../..');
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(path.join(root, 'node_modules/.bin/tsx'), ['scripts/smoke.ts', ...args], { cwd: root, timeout: 60_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
      );
    });
  const closedPort = () =>
    new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const { port } = srv.address() as { port: number };
        srv.close(() => resolve(port));
      });
    });

  it('exits 1 when a step fails, 2 when it cannot start', async () => {
    const failed = await run(['--url', `http://127.0.0.1:${await closedPort()}`]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^✗ health — .*no answer/m);
    const refused = await run(['--timeout', 'soon']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--timeout must be a number of seconds');
  }, 60_000);
});
