/**
 * `npm run login` (scripts/login.ts): each step of the cloud sign-in against a scripted Cognito
 * (what it calls, in which order, with which session), its HTTPS transport against a mocked fetch,
 * the stack's outputs through a mocked CloudFormation client, the local twin's token, the file.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { type Cognito, type CognitoOperation, CognitoError, cognitoHttp, localToken, type Prompter, saveToken, signIn, stackSettings } from '../../scripts/login';

type Call = { operation: CognitoOperation; input: Record<string, unknown> };

/** A Cognito that answers each call with the next scripted reply, and records the calls. */
function scripted(replies: unknown[]): Cognito & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    async call<T>(operation: CognitoOperation, input: Record<string, unknown>) {
      calls.push({ operation, input });
      if (replies.length === 0) throw new Error(`unexpected call ${operation}`);
      const next = replies.shift();
      if (next instanceof Error) throw next;
      return next as T;
    },
  };
}

/** A terminal that answers the questions in order and keeps what was said. */
function answering(...answers: string[]): Prompter & { asked: { question: string; secret: boolean }[]; said: string[] } {
  const asked: { question: string; secret: boolean }[] = [];
  const said: string[] = [];
  return {
    asked,
    said,
    async ask(question, opts) {
      asked.push({ question, secret: opts?.secret ?? false });
      if (answers.length === 0) throw new Error(`unexpected question ${question}`);
      return answers.shift()!;
    },
    say: (text) => void said.push(text),
  };
}

const tokens = { AuthenticationResult: { IdToken: 'id.jwt', AccessToken: 'access.jwt', RefreshToken: 'refresh', ExpiresIn: 3600 } };
const user = { clientId: 'client-1', username: 'ops@so.gov.vn', password: 'Temp-Passw0rd!' };
// With sign-in by email the pool's username is a UUID; the challenges carry it.
const poolUser = 'a1b2c3d4-0000-1111-2222-333344445555';

describe('signing in to Cognito (USER_PASSWORD_AUTH)', () => {
  it('the first sign-in: the new password, then the authenticator app registered, then the tokens', async () => {
    const cognito = scripted([
      { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's1', ChallengeParameters: { USER_ID_FOR_SRP: poolUser, requiredAttributes: '[]', userAttributes: '{}' } },
      { ChallengeName: 'MFA_SETUP', Session: 's2', ChallengeParameters: { USER_ID_FOR_SRP: poolUser } },
      { SecretCode: 'JBSWY3DPEHPK3PXP', Session: 's3' },
      { Status: 'SUCCESS', Session: 's4' },
      tokens,
    ]);
    const prompt = answering('New-Passw0rd!x', 'New-Passw0rd!x', ' 123456 ');
    const result = await signIn(cognito, user, prompt);

    expect(result).toEqual({ idToken: 'id.jwt', accessToken: 'access.jwt', refreshToken: 'refresh', expiresIn: 3600 });
    expect(cognito.calls).toEqual([
      { operation: 'InitiateAuth', input: { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'client-1', AuthParameters: { USERNAME: 'ops@so.gov.vn', PASSWORD: 'Temp-Passw0rd!' } } },
      {
        operation: 'RespondToAuthChallenge',
        input: { ClientId: 'client-1', ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's1', ChallengeResponses: { USERNAME: poolUser, NEW_PASSWORD: 'New-Passw0rd!x' } },
      },
      { operation: 'AssociateSoftwareToken', input: { Session: 's2' } },
      { operation: 'VerifySoftwareToken', input: { Session: 's3', UserCode: '123456', FriendlyDeviceName: 'thidua' } },
      // MFA_SETUP is answered with VerifySoftwareToken's session, not the challenge's.
      { operation: 'RespondToAuthChallenge', input: { ClientId: 'client-1', ChallengeName: 'MFA_SETUP', Session: 's4', ChallengeResponses: { USERNAME: poolUser } } },
    ]);
    // Passwords are asked for as secrets, the code is not.
    expect(prompt.asked).toEqual([
      { question: 'New password: ', secret: true },
      { question: 'New password again: ', secret: true },
      { question: 'The 6-digit code the app shows: ', secret: false },
    ]);
    // The secret is shown for the authenticator app, with an otpauth URI naming the user.
    expect(prompt.said).toContain('  key: JBSWY3DPEHPK3PXP');
    expect(prompt.said).toContain('  otpauth://totp/thidua%3Aops%40so.gov.vn?secret=JBSWY3DPEHPK3PXP&issuer=thidua');
  });

  it('every sign-in after: the authenticator code, then the tokens', async () => {
    const cognito = scripted([{ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'm1', ChallengeParameters: { USER_ID_FOR_SRP: poolUser } }, tokens]);
    const prompt = answering('654321');
    await expect(signIn(cognito, user, prompt)).resolves.toMatchObject({ idToken: 'id.jwt' });
    expect(cognito.calls.map((c) => c.operation)).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    expect(cognito.calls[1]!.input).toEqual({
      ClientId: 'client-1',
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: 'm1',
      ChallengeResponses: { USERNAME: poolUser, SOFTWARE_TOKEN_MFA_CODE: '654321' },
    });
  });

  it('attributes the pool requires at the first sign-in are asked for and sent', async () => {
    const cognito = scripted([{ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's1', ChallengeParameters: { USER_ID_FOR_SRP: poolUser, requiredAttributes: '["userAttributes.name"]' } }, tokens]);
    await signIn(cognito, user, answering('N3w-password!!', 'N3w-password!!', 'Nguyễn Văn A'));
    expect(cognito.calls[1]!.input.ChallengeResponses).toEqual({ USERNAME: poolUser, NEW_PASSWORD: 'N3w-password!!', 'userAttributes.name': 'Nguyễn Văn A' });
  });

  it('a second new password that differs changes nothing', async () => {
    const cognito = scripted([{ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's1', ChallengeParameters: {} }]);
    await expect(signIn(cognito, user, answering('N3w-password!!', 'N3w-password!?'))).rejects.toThrow('the two new passwords differ');
    expect(cognito.calls.map((c) => c.operation)).toEqual(['InitiateAuth']);
  });

  it('a wrong authenticator code at setup stops before answering MFA_SETUP', async () => {
    const cognito = scripted([{ ChallengeName: 'MFA_SETUP', Session: 's2', ChallengeParameters: {} }, { SecretCode: 'K', Session: 's3' }, { Status: 'ERROR' }]);
    await expect(signIn(cognito, user, answering('000000'))).rejects.toThrow('the authenticator code was not accepted (ERROR)');
    expect(cognito.calls.map((c) => c.operation)).toEqual(['InitiateAuth', 'AssociateSoftwareToken', 'VerifySoftwareToken']);
  });

  it('without a challenge username, the name the user typed answers', async () => {
    const cognito = scripted([{ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'm1' }, tokens]);
    await signIn(cognito, user, answering('111111'));
    expect(cognito.calls[1]!.input.ChallengeResponses).toMatchObject({ USERNAME: 'ops@so.gov.vn' });
  });

  it('a challenge it does not answer, an error, or a reply without an ID token: refused, naming it', async () => {
    await expect(signIn(scripted([{ ChallengeName: 'CUSTOM_CHALLENGE', Session: 'x' }]), user, answering())).rejects.toThrow('Cognito asked for CUSTOM_CHALLENGE, which npm run login does not answer');
    await expect(signIn(scripted([new CognitoError('NotAuthorizedException', 'Incorrect username or password.')]), user, answering())).rejects.toThrow(
      'NotAuthorizedException: Incorrect username or password.',
    );
    await expect(signIn(scripted([{ AuthenticationResult: { AccessToken: 'a' } }]), user, answering())).rejects.toThrow('without an ID token');
  });

  it('a pool that keeps challenging is given up on', async () => {
    const again = { ChallengeName: 'SELECT_MFA_TYPE', Session: 'z', ChallengeParameters: {} };
    const cognito = scripted(Array.from({ length: 20 }, () => again));
    await expect(signIn(cognito, user, answering())).rejects.toThrow('still had challenges after 8 answers');
    expect(cognito.calls[1]!.input.ChallengeResponses).toEqual({ USERNAME: 'ops@so.gov.vn', ANSWER: 'SOFTWARE_TOKEN_MFA' });
  });
});

describe('Cognito over HTTPS', () => {
  it('posts the JSON 1.1 call to the region’s endpoint with the operation as target', async () => {
    const fetchMock = jest.fn(async (_url: string | URL | Request, _init?: RequestInit) => new Response(JSON.stringify(tokens), { status: 200 }));
    const reply = await cognitoHttp('ap-southeast-1', fetchMock as typeof fetch, {}).call('InitiateAuth', { ClientId: 'c' });
    expect(reply).toEqual(tokens);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('https://cognito-idp.ap-southeast-1.amazonaws.com/');
    expect(init!.method).toBe('POST');
    expect(init!.headers).toEqual({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' });
    expect(JSON.parse(String(init!.body))).toEqual({ ClientId: 'c' });
  });

  it('an error reply becomes a CognitoError with the exception’s name', async () => {
    const fetchMock = async () => new Response(JSON.stringify({ __type: 'com.amazonaws.cognito#CodeMismatchException', message: 'Invalid code received for user' }), { status: 400 });
    const call = cognitoHttp('eu-west-1', fetchMock as typeof fetch).call('RespondToAuthChallenge', {});
    await expect(call).rejects.toBeInstanceOf(CognitoError);
    await expect(cognitoHttp('eu-west-1', fetchMock as typeof fetch).call('RespondToAuthChallenge', {})).rejects.toMatchObject({
      type: 'CodeMismatchException',
      message: 'CodeMismatchException: Invalid code received for user',
    });
  });

  it('an emulator named by the SDKs’ endpoint variables replaces the region’s endpoint', async () => {
    const fetchMock = jest.fn(async (_url: string | URL | Request, _init?: RequestInit) => new Response('{}', { status: 200 }));
    await cognitoHttp('ap-southeast-1', fetchMock as typeof fetch, { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'http://127.0.0.1:9229/' }).call('InitiateAuth', {});
    await cognitoHttp('ap-southeast-1', fetchMock as typeof fetch, { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566/' }).call('InitiateAuth', {});
    expect(fetchMock.mock.calls.map((c) => c[0])).toEqual(['http://127.0.0.1:9229/', 'http://127.0.0.1:4566/']);
  });

  it('refuses a region that is not one (it becomes a host name)', () => {
    expect(() => cognitoHttp('evil.example.com/')).toThrow('not an AWS region');
  });
});

describe('the stack’s outputs', () => {
  const cfn = mockClient(CloudFormationClient);
  afterEach(() => cfn.reset());

  it('reads Region, UserPoolId and UserPoolClientId of the named stack', async () => {
    cfn.on(DescribeStacksCommand, { StackName: 'Thidua-prod' }).resolves({
      Stacks: [
        {
          StackName: 'Thidua-prod',
          CreationTime: new Date(0),
          StackStatus: 'UPDATE_COMPLETE',
          Outputs: [
            { OutputKey: 'Region', OutputValue: 'ap-southeast-1' },
            { OutputKey: 'UserPoolId', OutputValue: 'ap-southeast-1_abc' },
            { OutputKey: 'UserPoolClientId', OutputValue: 'client-9' },
            { OutputKey: 'ApiUrl', OutputValue: 'https://x.execute-api.ap-southeast-1.amazonaws.com/' },
          ],
        },
      ],
    });
    await expect(stackSettings(new CloudFormationClient({ region: 'ap-southeast-1' }), 'Thidua-prod')).resolves.toEqual({
      region: 'ap-southeast-1',
      userPoolId: 'ap-southeast-1_abc',
      clientId: 'client-9',
      apiUrl: 'https://x.execute-api.ap-southeast-1.amazonaws.com/',
    });
    expect(cfn.commandCalls(DescribeStacksCommand)).toHaveLength(1);
  });

  it('the API at its custom domain when the stack has one', async () => {
    const out = (OutputKey: string, OutputValue: string) => ({ OutputKey, OutputValue });
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'S',
          CreationTime: new Date(0),
          StackStatus: 'CREATE_COMPLETE',
          Outputs: [out('Region', 'r'), out('UserPoolId', 'p'), out('UserPoolClientId', 'c'), out('ApiUrl', 'https://x/'), out('ApiCustomUrl', 'https://api.x.gov.vn/')],
        },
      ],
    });
    await expect(stackSettings(new CloudFormationClient({ region: 'ap-southeast-1' }), 'S')).resolves.toMatchObject({ apiUrl: 'https://api.x.gov.vn/' });
  });

  it('a stack without the outputs is named with what is missing', async () => {
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'Old', CreationTime: new Date(0), StackStatus: 'CREATE_COMPLETE', Outputs: [{ OutputKey: 'UserPoolId', OutputValue: 'p' }] }] });
    await expect(stackSettings(new CloudFormationClient({ region: 'ap-southeast-1' }), 'Old')).rejects.toThrow('stack Old has no output Region');
  });
});

describe('locally, and the token file', () => {
  it('asks the twin’s identity provider for a token with the groups and unit', async () => {
    const fetchMock = jest.fn(async (_url: string | URL | Request, _init?: RequestInit) => new Response(JSON.stringify({ token: 'local.jwt' }), { status: 200 }));
    await expect(localToken('http://127.0.0.1:3000', { sub: 'me', groups: ['unit'], unitId: 'TTDV' }, fetchMock as typeof fetch)).resolves.toBe('local.jwt');
    expect(fetchMock.mock.calls[0]![0]).toBe('http://127.0.0.1:3000/local/token');
    expect(JSON.parse(String(fetchMock.mock.calls[0]![1]!.body))).toEqual({ sub: 'me', groups: ['unit'], unitId: 'TTDV' });
  });

  it('a twin that refuses, or is not there, is named', async () => {
    const refusing = async () => new Response('{"message":"groups"}', { status: 400 });
    await expect(localToken('http://127.0.0.1:3000', { sub: 'me', groups: ['nobody'] }, refusing as typeof fetch)).rejects.toThrow('http://127.0.0.1:3000/local/token: 400');
    const absent = async () => {
      throw new Error('connect ECONNREFUSED');
    };
    await expect(localToken('http://127.0.0.1:3000', { sub: 'me', groups: [] }, absent as typeof fetch)).rejects.toThrow('is `npm start` running?');
  });

  it('the token is written readable by its owner only, also over an older, wider file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'thidua-login-'));
    try {
      const file = path.join(dir, '.local', 'token');
      saveToken(file, 'first');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      writeFileSync(file, 'old', { mode: 0o644 });
      chmodSync(file, 0o644);
      saveToken(file, 'second');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toBe('second\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the command, end to end against a fake Cognito', () => {
  it('a first sign-in through npm run login: password from THIDUA_PASSWORD, the answers from stdin, the token in the file', async () => {
    const seen: { target: string; body: Record<string, any> }[] = [];
    const replies: Record<string, unknown>[] = [
      { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's1', ChallengeParameters: { USER_ID_FOR_SRP: poolUser, requiredAttributes: '[]' } },
      { ChallengeName: 'MFA_SETUP', Session: 's2', ChallengeParameters: { USER_ID_FOR_SRP: poolUser } },
      { SecretCode: 'JBSWY3DPEHPK3PXP', Session: 's3' },
      { Status: 'SUCCESS', Session: 's4' },
      { AuthenticationResult: { IdToken: 'header.payload.signature', AccessToken: 'a', ExpiresIn: 3600 } },
    ];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ target: String(req.headers['x-amz-target']), body: JSON.parse(body) });
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(replies.shift()));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    const dir = mkdtempSync(path.join(tmpdir(), 'thidua-login-cmd-'));
    try {
      const file = path.join(dir, 'token');
      const root = path.join(__dirname, '..', '..');
      const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
        const child = execFile(
          path.join(root, 'node_modules', '.bin', 'tsx'),
          ['scripts/login.ts', '--region', 'ap-southeast-1', '--client-id', 'client-1', '--username', 'ops@so.gov.vn', '--out', file, '--print'],
          { cwd: root, env: { ...process.env, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: `http://127.0.0.1:${port}/`, THIDUA_PASSWORD: 'Temp-Passw0rd!' } },
          (error, out, err) => (error ? reject(Object.assign(error, { stderr: err })) : resolve({ stdout: out, stderr: err })),
        );
        child.stdin!.end('New-Passw0rd!x\nNew-Passw0rd!x\n123456\n');
      });
      expect(stdout.trim()).toBe('header.payload.signature');
      expect(readFileSync(file, 'utf8')).toBe('header.payload.signature\n');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(stderr).toContain('key: JBSWY3DPEHPK3PXP');
      expect(seen.map((s) => s.target.replace('AWSCognitoIdentityProviderService.', ''))).toEqual([
        'InitiateAuth',
        'RespondToAuthChallenge',
        'AssociateSoftwareToken',
        'VerifySoftwareToken',
        'RespondToAuthChallenge',
      ]);
      expect(seen[0]!.body.AuthParameters).toEqual({ USERNAME: 'ops@so.gov.vn', PASSWORD: 'Temp-Passw0rd!' });
      expect(seen[1]!.body.ChallengeResponses.NEW_PASSWORD).toBe('New-Passw0rd!x');
      expect(seen[3]!.body.UserCode).toBe('123456');
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
