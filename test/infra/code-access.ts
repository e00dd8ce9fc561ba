/**
 * What a function's code can do to the table, SES, Cognito and the documents bucket, read from its bundle: esbuild bundles the
 * entry as the stack does (ESM, tree-shaken, so store functions no code path reaches are dropped),
 * with the AWS SDK left external so that its commands stay named imports; then every `new
 * XCommand(` of a DynamoDB, SES or Cognito package is mapped to the IAM action it needs. A Query is on an
 * index when its literal names one (`IndexName: "attn"`, or `IndexName: CONST.name` of a constant
 * object in the bundle); a TransactWriteItems needs the actions of the operations it holds.
 *
 * An approximation, on the safe side: tree-shaking works per top-level function, so a reachable
 * function that calls a command on one branch only counts as calling it.
 */
import * as path from 'node:path';
import { build } from 'esbuild';
import type { IndexName, TableAction } from '../../infra/wiring';

export interface CodeAccess {
  table: Set<TableAction>;
  indexes: Set<string>;
  ses: Set<string>;
  /** Cognito admin actions (`AdminCreateUser`, …), without the `cognito-idp:` prefix. */
  userPool: Set<string>;
  /**
   * S3 object actions (`GetObject`, …), without `s3:`: a command sent or presigned needs the same
   * permission (a presigned URL carries the function's credentials). A GetObject whose arguments name a
   * `VersionId` also needs GetObjectVersion.
   */
  bucket: Set<string>;
  /** Lambda actions (`InvokeFunction`): a function that invokes another (the renderer) must name it in `invokes`. */
  lambda: Set<string>;
  /** Constructs the scanner cannot map (an unknown command, an index it cannot resolve): a test must fail on them. */
  unknown: string[];
}

const root = path.join(__dirname, '..', '..');

/** DynamoDB commands (lib-dynamodb and client-dynamodb spellings) → IAM action; transactions are handled apart. */
const DYNAMODB: Record<string, TableAction> = {
  GetCommand: 'GetItem',
  GetItemCommand: 'GetItem',
  BatchGetCommand: 'BatchGetItem',
  BatchGetItemCommand: 'BatchGetItem',
  QueryCommand: 'Query',
  ScanCommand: 'Scan',
  PutCommand: 'PutItem',
  PutItemCommand: 'PutItem',
  UpdateCommand: 'UpdateItem',
  UpdateItemCommand: 'UpdateItem',
  DeleteCommand: 'DeleteItem',
  DeleteItemCommand: 'DeleteItem',
  BatchWriteCommand: 'BatchWriteItem',
  BatchWriteItemCommand: 'BatchWriteItem',
  TransactGetCommand: 'GetItem',
  TransactGetItemsCommand: 'GetItem',
};
const TRANSACT_WRITE = new Set(['TransactWriteCommand', 'TransactWriteItemsCommand']);
const TRANSACT_OPERATION: Record<string, TableAction> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem' };
/** PartiQL: each statement is authorized by its kind (DynamoDB developer guide, "IAM policies with PartiQL for DynamoDB"). */
const PARTIQL_BATCH = new Set(['BatchExecuteStatementCommand', 'ExecuteStatementCommand']);
const PARTIQL_STATEMENT: Record<string, TableAction> = { 'INSERT INTO': 'PartiQLInsert', UPDATE: 'PartiQLUpdate', 'DELETE FROM': 'PartiQLDelete', SELECT: 'PartiQLSelect' };
const DYNAMODB_PACKAGES = new Set(['@aws-sdk/lib-dynamodb', '@aws-sdk/client-dynamodb']);
const SES_PACKAGES = new Set(['@aws-sdk/client-sesv2', '@aws-sdk/client-ses']);
const COGNITO_PACKAGE = '@aws-sdk/client-cognito-identity-provider';
const S3_PACKAGE = '@aws-sdk/client-s3';
/** S3 commands → the object actions IAM checks for them (S3 API reference, "Permissions" of each). */
const S3: Record<string, string[]> = {
  GetObjectCommand: ['GetObject'],
  HeadObjectCommand: ['GetObject'],
  PutObjectCommand: ['PutObject'],
  DeleteObjectCommand: ['DeleteObject'],
};

/** The text between the parenthesis at `open` and its match. */
function argumentsAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

export async function codeAccess(entry: string): Promise<CodeAccess> {
  const out = await build({
    entryPoints: [path.join(root, entry)],
    absWorkingDir: root,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    treeShaking: true,
    minify: false,
    external: ['@aws-sdk/*'],
    logLevel: 'silent',
  });
  const text = out.outputFiles[0]!.text;
  const access: CodeAccess = { table: new Set(), indexes: new Set(), ses: new Set(), userPool: new Set(), bucket: new Set(), lambda: new Set(), unknown: [] };

  // `import { GetCommand, PutCommand as PutCommand2 } from "@aws-sdk/lib-dynamodb";`
  const imported = new Map<string, { name: string; from: string }>();
  for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
    for (const spec of m[1]!
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [name, alias] = spec.split(/\s+as\s+/);
      imported.set((alias ?? name)!, { name: name!, from: m[2]! });
    }
  }

  for (const m of text.matchAll(/new\s+([A-Za-z_$][\w$]*)\s*\(/g)) {
    const source = imported.get(m[1]!);
    if (!source?.name.endsWith('Command')) continue;
    if (SES_PACKAGES.has(source.from)) {
      access.ses.add(`ses:${source.name.replace(/Command$/, '')}`);
      continue;
    }
    if (source.from === COGNITO_PACKAGE) {
      access.userPool.add(source.name.replace(/Command$/, ''));
      continue;
    }
    if (source.from === '@aws-sdk/client-lambda') {
      if (source.name === 'InvokeCommand') access.lambda.add('InvokeFunction');
      else access.unknown.push(`${source.name} (from ${source.from}) has no IAM mapping here`);
      continue;
    }
    const args = argumentsAt(text, m.index! + m[0].length - 1);
    if (source.from === S3_PACKAGE) {
      const actions = S3[source.name];
      if (!actions) {
        access.unknown.push(`${source.name} (from ${source.from}) has no IAM mapping here`);
        continue;
      }
      for (const a of actions) access.bucket.add(a);
      if (source.name === 'GetObjectCommand' && /\bVersionId\b/.test(args)) access.bucket.add('GetObjectVersion');
      continue;
    }
    if (!DYNAMODB_PACKAGES.has(source.from)) continue;
    if (TRANSACT_WRITE.has(source.name)) {
      // The operations may be built in the literal or beside it: any `Put: {`… of the bundle counts.
      const ops = [...text.matchAll(/\b(Put|Update|Delete|ConditionCheck):\s*\{/g)].map((o) => TRANSACT_OPERATION[o[1]!]!);
      if (!ops.length) access.unknown.push(`${source.name} without a recognisable operation`);
      for (const a of ops) access.table.add(a);
      continue;
    }
    if (PARTIQL_BATCH.has(source.name)) {
      // The statements may be built beside the call: each kind of statement the bundle writes counts.
      const kinds = [...text.matchAll(/`(INSERT INTO|UPDATE|DELETE FROM|SELECT)\b/g)].map((k) => PARTIQL_STATEMENT[k[1]!]!);
      if (!kinds.length) access.unknown.push(`${source.name} without a recognisable statement`);
      for (const a of kinds) access.table.add(a);
      continue;
    }
    const action = DYNAMODB[source.name];
    if (!action) {
      access.unknown.push(`${source.name} (from ${source.from}) has no IAM mapping here`);
      continue;
    }
    const index = /IndexName:\s*([^,\n}]+)/.exec(args);
    if (action === 'Query' && index) {
      const expr = index[1]!.trim();
      const literal = /^"([^"]+)"$/.exec(expr);
      const member = /^([A-Za-z_$][\w$]*)\.name$/.exec(expr);
      const constant = member && new RegExp(`(?:var|const|let)\\s+${member[1]!.replace(/\$/g, '\\$')}\\s*=\\s*\\{[^}]*?\\bname:\\s*"([^"]+)"`).exec(text);
      const name = literal?.[1] ?? constant?.[1];
      if (name) access.indexes.add(name);
      else access.unknown.push(`a Query on an index the scanner cannot resolve: IndexName: ${expr}`);
    } else {
      access.table.add(action);
    }
  }
  return access;
}

export type { IndexName };
