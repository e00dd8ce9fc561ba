/**
 * The documents bucket (issue 12, docs/documents-storage.md) and each function's access to it, proven
 * against infra/wiring.ts like the table's: private, encrypted, versioned, TLS only, logged, CORS only
 * for the stack's browser origins, and per function exactly the object actions its wiring lists,
 * under its prefix, with DOCUMENTS_BUCKET in its environment.
 */
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { bindBucket, createDocumentsBucket } from '../../infra/stack';
import { type FunctionName, type FunctionSpec, functions, wiringProblems } from '../../infra/wiring';
import { buildStack, cdkContext } from './build';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Sid?: string; Condition?: Record<string, any>; Principal?: unknown };
type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };

const wiring = Object.entries(functions) as [FunctionName, FunctionSpec][];
const { stack, logicalId } = buildStack();
const resources = Template.fromStack(stack).toJSON().Resources as Record<string, Resource>;
const ofType = (t: string, rs = resources) => Object.entries(rs).filter(([, r]) => r.Type === t);
const list = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);
const documentsId = logicalId(stack.documentsBucket);
const logsId = logicalId(stack.documentsAccessLogs);

function statementsOf(name: FunctionName): Statement[] {
  const role = logicalId(stack.functions[name].role);
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: role })))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
}

describe('the documents bucket', () => {
  const documents = resources[documentsId]!;
  const logs = resources[logsId]!;

  it('is the stack’s only bucket besides its access logs', () => {
    expect(
      ofType('AWS::S3::Bucket')
        .map(([id]) => id)
        .sort(),
    ).toEqual([documentsId, logsId].sort());
  });

  it.each([
    ['documents', documentsId],
    ['access logs', logsId],
  ])('%s: blocks every kind of public access, disables ACLs, encrypts with SSE-S3', (_, id) => {
    const p = resources[id]!.Properties;
    expect(p.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(p.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(p.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
    expect(p.AccessControl).toBeUndefined();
  });

  it.each([
    ['documents', documentsId],
    ['access logs', logsId],
  ])('%s: its policy denies every request without TLS', (_, id) => {
    const policy = ofType('AWS::S3::BucketPolicy').find(([, r]) => JSON.stringify(r.Properties.Bucket) === JSON.stringify({ Ref: id }));
    expect(policy).toBeDefined();
    const statements = policy![1].Properties.PolicyDocument.Statement as Statement[];
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    // Nothing else is allowed to anyone but S3's log delivery, on the log bucket, for this source bucket.
    const allows = statements.filter((s) => s.Effect === 'Allow');
    if (id === documentsId) expect(allows).toEqual([]);
    else {
      expect(allows).toHaveLength(1);
      expect(allows[0]).toMatchObject({ Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject' });
      expect(allows[0]!.Condition!.ArnLike).toEqual({ 'aws:SourceArn': { 'Fn::GetAtt': [documentsId, 'Arn'] } });
    }
  });

  it('is versioned, logs its accesses to the log bucket, and expires noncurrent versions and incomplete uploads', () => {
    const p = documents.Properties;
    expect(p.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(p.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: logsId }, LogFilePrefix: 'documents/' });
    const rules = p.LifecycleConfiguration.Rules as Record<string, any>[];
    expect(rules.find((r) => r.Id === 'noncurrent-versions')).toMatchObject({ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 365 }, ExpiredObjectDeleteMarker: true });
    expect(rules.find((r) => r.Id === 'incomplete-uploads')).toMatchObject({ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } });
    // No rule expires current versions: a document stays until someone decides otherwise.
    for (const r of rules) expect(r.ExpirationInDays).toBeUndefined();
    expect(logs.Properties.LifecycleConfiguration.Rules).toEqual([expect.objectContaining({ ExpirationInDays: expect.any(Number) })]);
  });

  it('has no CORS without browser origins; with them, PUT and GET from those origins with the signed headers only', () => {
    expect(documents.Properties.CorsConfiguration).toBeUndefined();
    const withOrigins = buildStack({ context: { allowedOrigins: 'https://thidua.example.gov.vn' } });
    const b = Template.fromStack(withOrigins.stack).toJSON().Resources[withOrigins.logicalId(withOrigins.stack.documentsBucket)] as Resource;
    expect(b.Properties.CorsConfiguration.CorsRules).toEqual([
      {
        AllowedOrigins: ['https://thidua.example.gov.vn'],
        AllowedMethods: ['PUT', 'GET'],
        AllowedHeaders: ['content-type', 'x-amz-checksum-sha256'],
        ExposedHeaders: ['etag', 'x-amz-version-id'],
        MaxAge: 3600,
      },
    ]);
  });

  it('is retained with the stack’s data unless the context asks for a throw-away stack', () => {
    expect(documents.DeletionPolicy).toBe('Retain');
    const dev = buildStack({ context: { removalPolicy: 'destroy' } });
    const r = Template.fromStack(dev.stack).toJSON().Resources as Record<string, Resource>;
    expect(r[dev.logicalId(dev.stack.documentsBucket)]!.DeletionPolicy).toBe('Delete');
  });

  it('is named in the outputs', () => {
    expect(Template.fromStack(stack).toJSON().Outputs.DocumentsBucketName.Value).toEqual({ Ref: documentsId });
  });
});

describe('access to the documents bucket, from infra/wiring.ts', () => {
  const s3Statements = (name: FunctionName) => statementsOf(name).filter((s) => list(s.Action).some((a) => a.startsWith('s3:')));

  it.each(wiring)('%s: exactly the object actions its wiring lists, under its prefix, and DOCUMENTS_BUCKET only then', (name, spec) => {
    const vars = resources[logicalId(stack.functions[name].fn)]!.Properties.Environment.Variables;
    const statements = s3Statements(name);
    if (!spec.bucket) {
      expect(statements).toEqual([]);
      expect(vars.DOCUMENTS_BUCKET).toBeUndefined();
      return;
    }
    expect(vars.DOCUMENTS_BUCKET).toEqual({ Ref: documentsId });
    expect(statements).toHaveLength(1);
    expect(list(statements[0]!.Action).sort()).toEqual(spec.bucket.actions.map((a) => `s3:${a}`).sort());
    expect(statements[0]!.Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [documentsId, 'Arn'] }, `/${spec.bucket.prefix ?? 'agency/'}*`]] });
  });

  it('no role may list the bucket, delete from it, change it, or use s3:*', () => {
    const all = ofType('AWS::IAM::Policy').flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
    for (const s of all) {
      for (const a of list(s.Action)) expect(a).not.toMatch(/^s3:(\*|List|Delete|PutBucket|PutObjectAcl|GetBucket)/);
    }
  });

  it('bindBucket grants its actions on the objects under the prefix, and nothing for an empty list', () => {
    const s = new Stack(new App({ builtinCloudFormationValidation: false, context: cdkContext }), 'Grants');
    const { bucket } = createDocumentsBucket(s, { removalPolicy: RemovalPolicy.DESTROY, allowedOrigins: undefined, logRetentionDays: RetentionDays.THREE_MONTHS });
    bindBucket(bucket, new Role(s, 'Uploader', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') }), { actions: ['PutObject', 'GetObject'] });
    bindBucket(bucket, new Role(s, 'Reader', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') }), { actions: ['GetObjectVersion'], prefix: 'agency/so-ngoai-vu/' });
    bindBucket(bucket, new Role(s, 'Nobody', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') }), { actions: [] });
    const policies = Object.values(Template.fromStack(s).findResources('AWS::IAM::Policy'));
    const id = s.getLogicalId(bucket.node.defaultChild as import('aws-cdk-lib').CfnElement);
    const objects = (prefix: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [id, 'Arn'] }, `/${prefix}*`]] });
    expect(policies.map((p) => (p.Properties.PolicyDocument.Statement as Statement[]).map((st) => [st.Action, st.Resource]))).toEqual([
      [[['s3:GetObject', 's3:PutObject'], objects('agency/')]],
      [['s3:GetObjectVersion', objects('agency/so-ngoai-vu/')]],
    ]);
  });

  it('the wiring refuses an empty grant and a prefix outside agency/ or with a wildcard', () => {
    const base = functions.apiDocs as FunctionSpec;
    const check = (bucket: FunctionSpec['bucket']) => wiringProblems({ ...functions, apiDocs: { ...base, ...(bucket ? { bucket } : {}) } });
    expect(check({ actions: ['GetObject'] })).toEqual([]);
    expect(check({ actions: ['GetObject'], prefix: 'agency/so-ngoai-vu/' })).toEqual([]);
    expect(check({ actions: [] }).join()).toMatch(/at least one action/);
    for (const prefix of ['', 'other/', 'agency/*/', 'agency/x']) expect(check({ actions: ['GetObject'], prefix }).join()).toMatch(/must be a folder under agency\//);
  });
});
