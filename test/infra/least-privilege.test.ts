/**
 * The wiring's table access is what the code does (least privilege per function): each function's
 * bundle is read for the DynamoDB, SES, Cognito and S3 commands its code paths reach (test/infra/code-access.ts),
 * and the wiring must grant exactly those. A grant the code needs but the wiring lacks would be an
 * AccessDenied in the cloud only (DynamoDB Local checks no IAM); a grant the code never uses is
 * privilege for nothing. stack.test.ts proves the template grants exactly the wiring.
 */
import { type FunctionName, type FunctionSpec, functions } from '../../infra/wiring';
import { type CodeAccess, codeAccess } from './code-access';

const wiring = Object.entries(functions) as [FunctionName, FunctionSpec][];
const scanned = new Map<FunctionName, CodeAccess>();

beforeAll(async () => {
  for (const [name, spec] of wiring) scanned.set(name, await codeAccess(spec.entry));
}, 120_000);

const sorted = (s: Iterable<string>) => [...s].sort();

describe('the wiring grants each function the table access its code uses, and no more', () => {
  it.each(wiring)('%s: every command its code sends is one the scanner knows', (name) => {
    expect(scanned.get(name)!.unknown).toEqual([]);
  });

  it.each(wiring)('%s: the table actions of the wiring are those its code calls', (name, spec) => {
    // A function that purges disposable partitions sends BatchWriteItem under the LeadingKeys condition (spec.table.purges).
    const granted = [...spec.table.actions, ...(spec.table.purges?.length ? (['BatchWriteItem'] as const) : [])];
    expect({ function: name, actions: sorted(new Set(granted)) }).toEqual({ function: name, actions: sorted(scanned.get(name)!.table) });
  });

  it.each(wiring)('%s: it queries exactly the indexes the wiring names', (name, spec) => {
    expect({ function: name, indexes: sorted(spec.table.indexes) }).toEqual({ function: name, indexes: sorted(scanned.get(name)!.indexes) });
  });

  it.each(wiring)('%s: it sends email through SES if and only if the wiring says so', (name, spec) => {
    expect(scanned.get(name)!.ses.has('ses:SendEmail')).toBe(Boolean(spec.sendsEmail));
  });

  it.each(wiring)('%s: the user pool actions of the wiring are those its code calls', (name, spec) => {
    expect({ function: name, userPool: sorted(spec.userPool ?? []) }).toEqual({ function: name, userPool: sorted(scanned.get(name)!.userPool) });
  });

  it.each(wiring)('%s: it invokes another function if and only if the wiring names the ones it invokes', (name, spec) => {
    expect({ function: name, invokes: (spec.invokes ?? []).length > 0 }).toEqual({ function: name, invokes: scanned.get(name)!.lambda.has('InvokeFunction') });
  });

  it.each(wiring)('%s: the documents bucket actions of the wiring are those its code sends or presigns', (name, spec) => {
    expect({ function: name, bucket: sorted(spec.bucket?.actions ?? []) }).toEqual({ function: name, bucket: sorted(scanned.get(name)!.bucket) });
  });

  it('no function scans the table or deletes an item, but in the partitions of disposable agencies', () => {
    for (const [, spec] of wiring) {
      expect(spec.table.actions).not.toContain('Scan');
      expect(spec.table.actions).not.toContain('DeleteItem');
      for (const pattern of spec.table.purges ?? []) expect(pattern).toMatch(/^AGENCY#(smoke|trial)-\*$/);
    }
  });
});

describe('the scanner itself', () => {
  it('sees the S3 commands of shared/files, presigned or sent, and a versioned read as GetObjectVersion', async () => {
    // Every module of shared/files at once: what a function importing them all would need.
    const files = await codeAccess('shared/files/index.ts');
    expect(files.unknown).toEqual([]);
    expect(sorted(files.bucket)).toEqual(['GetObject', 'GetObjectVersion', 'PutObject']);
    expect(files.table.size + files.ses.size + files.userPool.size).toBe(0);
    // Presigning an upload alone needs PutObject and nothing else.
    expect(sorted((await codeAccess('shared/files/put.ts')).bucket)).toEqual(['PutObject']);
  });

  it('sees a transaction as the operations it holds, a Query on an index as that index, and SES commands', async () => {
    // The API writes state changes with their events in transactions of Puts and lists campaigns through gsi1.
    const api = scanned.get('api')!;
    expect(api.table.has('PutItem')).toBe(true);
    expect(api.indexes.has('gsi1')).toBe(true);
    expect(api.ses.size).toBe(0);
    const mailer = [...scanned].find(([n]) => (functions[n] as FunctionSpec).sendsEmail)![1];
    expect(mailer.ses.has('ses:SendEmail')).toBe(true);
  });
});
