/**
 * The stack, proven against the one list of the wiring: every expectation below is derived from
 * infra/wiring.ts, infra/table-definition.ts and shared/http/routes.ts, so adding a route, a
 * consumer or a filter there is checked here without editing this file.
 */
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { bindTable, createTable } from '../../infra/constructs/table';
import { routeKey } from '../../shared/http/routes';
import { table as tableDefinition } from '../../infra/table-definition';
import { environmentKeys, type FunctionName, type FunctionSpec, functions, metrics, queueAtSendRate } from '../../infra/wiring';
import { groups } from '../../infra/stack';
import { covers, mergePatterns } from '../../shared/stream/filter-match';
import { buildStack, cdkContext } from './build';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Sid?: string; Condition?: unknown };
type Resource = { Type: string; Properties: Record<string, any> };

const wiring = Object.entries(functions) as [FunctionName, FunctionSpec][];
/** The functions that read the table's stream (exactly one: the stream router). */
const readers = wiring.filter(([, spec]) => spec.stream);
/** The functions that consume a queue the router feeds. */
const consumers = wiring.filter(([, spec]) => spec.queue);
const apiFunctions = wiring.filter(([, spec]) => spec.api);

const { stack, logicalId } = buildStack();
const template = Template.fromStack(stack);
const resources = template.toJSON().Resources as Record<string, Resource>;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

/** Every statement of the policies attached to a function's role. */
function statementsOf(name: FunctionName): Statement[] {
  const role = logicalId(stack.functions[name].role);
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: role })))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const tableArn = () => ({ 'Fn::GetAtt': [logicalId(stack.table), 'Arn'] });
const streamArn = () => ({ 'Fn::GetAtt': [logicalId(stack.table), 'StreamArn'] });

describe('the table, from infra/table-definition.ts', () => {
  it('has the keys, the GSIs, TTL, the stream, PITR and on-demand billing', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    const attributes = new Set<string>([tableDefinition.partitionKey, tableDefinition.sortKey]);
    for (const i of tableDefinition.indexes) {
      attributes.add(i.partitionKey);
      attributes.add(i.sortKey);
    }
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayEquals([...attributes].map((AttributeName) => ({ AttributeName, AttributeType: 'S' }))),
      GlobalSecondaryIndexes: tableDefinition.indexes.map((i) => ({
        IndexName: i.name,
        KeySchema: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      StreamSpecification: { StreamViewType: tableDefinition.stream },
      TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
  });

  it('is retained (and deletion-protected) unless the context asks for a throw-away stack', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
    const dev = Template.fromStack(buildStack({ context: { removalPolicy: 'destroy' } }).stack);
    dev.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Delete' });
    dev.hasResourceProperties('AWS::DynamoDB::GlobalTable', { Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })] });
  });
});

describe('functions, from infra/wiring.ts', () => {
  it('exist once each, with nodejs24.x on arm64, active tracing and the wiring’s sizes', () => {
    template.resourceCountIs('AWS::Lambda::Function', wiring.length);
    for (const [name, spec] of wiring) {
      const fn = resources[logicalId(stack.functions[name].fn)]!;
      expect(fn.Type).toBe('AWS::Lambda::Function');
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: spec.memorySize,
        Timeout: spec.timeoutSeconds,
        Description: spec.description,
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: { Ref: logicalId(stack.functions[name].logGroup) } },
      });
    }
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
    }
  });

  it('get the environment the handlers read', () => {
    for (const [name, spec] of wiring) {
      const vars = resources[logicalId(stack.functions[name].fn)]!.Properties.Environment.Variables;
      for (const key of environmentKeys) expect(vars).toHaveProperty(key);
      expect(vars).toMatchObject({
        TABLE_NAME: { Ref: logicalId(stack.table) },
        MAIL_FROM: 'no-reply@thidua.example.org',
        POWERTOOLS_SERVICE_NAME: 'thidua',
        LOG_LEVEL: 'INFO',
      });
      // No source maps, so no --enable-source-maps: its cost at every cold start is not worth it (docs/toolchain.md "Bundle size").
      expect(vars).not.toHaveProperty('NODE_OPTIONS');
      // No sendRate in the context: the mailer reads the account's SES quota instead.
      expect(vars).not.toHaveProperty('MAIL_SEND_RATE');
      // The mailer sends through the configuration set; the SES event function checks events come from it.
      if (spec.sendsEmail || spec.sesEvents) expect(vars.SES_CONFIGURATION_SET).toBe('thidua');
      else expect(vars).not.toHaveProperty('SES_CONFIGURATION_SET');
    }
  });

  it('log to their own log group, with a retention', () => {
    for (const [name] of wiring) {
      expect(resources[logicalId(stack.functions[name].logGroup)]!.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it('take mailFrom, sendRate and allowedOrigins from the context', () => {
    const { stack: s, logicalId: lid } = buildStack({
      context: { mailFrom: 'thidua@songoaivu.langson.gov.vn', sendRate: '3', allowedOrigins: 'https://a.example.vn, https://b.example.vn' },
    });
    const t = Template.fromStack(s);
    const [mailer] = wiring.find(([, spec]) => spec.sendsEmail)!;
    expect(t.toJSON().Resources[lid(s.functions[mailer].fn)].Properties.Environment.Variables).toMatchObject({
      MAIL_FROM: 'thidua@songoaivu.langson.gov.vn',
      MAIL_SEND_RATE: '3',
    });
    t.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://a.example.vn', 'https://b.example.vn'] }),
    });
    expect(JSON.stringify(t.toJSON())).toContain('identity/songoaivu.langson.gov.vn');
    expect(JSON.stringify(t.toJSON())).toContain('"ses:FromAddress":"thidua@songoaivu.langson.gov.vn"');
    // No origins configured, no CORS.
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
  });

  it('size the mailer’s queue batch from sendRate: what one of its processes sends in a quarter of its timeout, 10 to 100', () => {
    const [mailer, spec] = wiring.find(([, s]) => s.sendsEmail)!;
    const batchAt = (sendRate?: string) => {
      const { stack: s, logicalId: lid } = buildStack(sendRate ? { context: { sendRate } } : {});
      const mapping = Object.values(Template.fromStack(s).findResources('AWS::Lambda::EventSourceMapping')).find(
        (m) => (m as { Properties: { FunctionName?: { Ref?: string } } }).Properties.FunctionName?.Ref === lid(s.functions[mailer].fn),
      ) as { Properties: { BatchSize: number; MaximumBatchingWindowInSeconds?: number } };
      return mapping.Properties;
    };
    // 200/s over 4 processes: 50/s each, 30 s of a 120 s timeout: 1,500, capped at one transaction's 100 operations.
    expect(batchAt('200')).toMatchObject({ BatchSize: 100, MaximumBatchingWindowInSeconds: 1 });
    expect(batchAt('4')).toMatchObject({ BatchSize: Math.floor(((4 / spec.queue!.maxConcurrency) * spec.timeoutSeconds) / 4) });
    // The SES sandbox's 1/s, or no rate (the quota is read at run time): the wiring's 10.
    expect(batchAt('1').BatchSize).toBe(spec.queue!.batchSize);
    expect(batchAt().BatchSize).toBe(spec.queue!.batchSize);
    // Every other consumer's batch is the wiring's, whatever the rate.
    for (const [, other] of consumers.filter(([, s]) => !s.sendsEmail)) expect(queueAtSendRate(other, 200)).toBe(other.queue);
  });

  it('let agencies mail from the senders the deployer allowed (allowedSenders), and from no other', () => {
    const { stack: s, logicalId: lid } = buildStack({ context: { allowedSenders: 'thidua@sotp.langson.gov.vn, ThiDua@soyte.langson.gov.vn' } });
    const t = Template.fromStack(s);
    const [mailer] = wiring.find(([, spec]) => spec.sendsEmail)!;
    expect(t.toJSON().Resources[lid(s.functions[mailer].fn)].Properties.Environment.Variables.ALLOWED_SENDERS).toBe('thidua@sotp.langson.gov.vn,thidua@soyte.langson.gov.vn');
    const statement = Object.values(t.findResources('AWS::IAM::Policy'))
      .flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement)
      .find((st) => st.Sid === 'SendThroughSes')!;
    expect(statement.Condition).toEqual({ StringEquals: { 'ses:FromAddress': ['no-reply@thidua.example.org', 'thidua@sotp.langson.gov.vn', 'thidua@soyte.langson.gov.vn'] } });
    const rendered = JSON.stringify(statement.Resource);
    for (const identity of ['identity/sotp.langson.gov.vn', 'identity/thidua@sotp.langson.gov.vn', 'identity/soyte.langson.gov.vn']) expect(rendered).toContain(identity);
    expect(() => buildStack({ context: { allowedSenders: 'not-an-address' } })).toThrow(/allowedSenders/);
  });

  it('refuse a configuration that cannot work', () => {
    expect(() => buildStack({ context: { mailFrom: 'not-an-address' } })).toThrow(/mailFrom/);
    expect(() => buildStack({ context: { sendRate: '0' } })).toThrow(/sendRate/);
    expect(() => buildStack({ context: { allowedOrigins: 'https://a.example.vn/path' } })).toThrow(/allowedOrigins/);
  });
});

describe('one reader on the stream, a queue per consumer, from infra/wiring.ts', () => {
  const mappings = () => ofType('AWS::Lambda::EventSourceMapping');
  const mappingOf = (name: FunctionName) => {
    const mine = mappings().filter(([, r]) => r.Properties.FunctionName?.Ref === logicalId(stack.functions[name].fn));
    expect(mine).toHaveLength(1);
    return mine[0]![1].Properties;
  };
  const queueOf = (name: FunctionName) => resources[logicalId(stack.consumers[name]!.queue)]!;

  it('exactly one event source mapping reads the table’s stream, and the wiring has exactly one reader', () => {
    expect(readers.map(([name]) => name)).toEqual(['streamRouter']);
    const onStream = mappings().filter(([, m]) => JSON.stringify(m.Properties.EventSourceArn) === JSON.stringify(streamArn()));
    expect(onStream).toHaveLength(1);
    expect(onStream[0]![1].Properties.FunctionName).toEqual({ Ref: logicalId(stack.functions.streamRouter.fn) });
    // No pipe reads it either, and every other mapping reads a queue of this stack.
    template.resourceCountIs('AWS::Pipes::Pipe', 0);
    expect(mappings()).toHaveLength(1 + consumers.length);
    const streamMapping = onStream[0]![0];
    for (const [, m] of mappings().filter(([id]) => id !== streamMapping)) expect(resources[m.Properties.EventSourceArn['Fn::GetAtt'][0]]!.Type).toBe('AWS::SQS::Queue');
  });

  it.each(readers)('%s: filters (every consumer’s), batching, retries, bisection, record age, partial failures, on-failure queue', (name, spec) => {
    const s = spec.stream!;
    const p = mappingOf(name);
    expect(p.EventSourceArn).toEqual(streamArn());
    expect(p.FilterCriteria.Filters).toEqual(s.filters.map((pattern) => ({ Pattern: JSON.stringify(pattern) })));
    // The reader lets through every record some consumer takes, and only those: the consumers'
    // patterns, merged, within Lambda's five filters per mapping.
    const consumed = consumers.flatMap(([, c]) => c.queue!.filters);
    expect(s.filters).toEqual(mergePatterns(consumed));
    expect(s.filters.length).toBeLessThanOrEqual(5);
    for (const f of consumed) expect(s.filters.some((r) => covers(r, f))).toBe(true);
    for (const f of p.FilterCriteria.Filters) expect(Object.keys(JSON.parse(f.Pattern)).length).toBeGreaterThan(0);
    expect(p.FunctionResponseTypes).toContain('ReportBatchItemFailures');
    expect(p).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: s.batchSize,
      MaximumBatchingWindowInSeconds: s.maxBatchingWindowSeconds,
      MaximumRetryAttempts: s.retryAttempts,
      MaximumRecordAgeInSeconds: s.maxRecordAgeSeconds,
      BisectBatchOnFunctionError: s.bisectBatchOnError,
      ParallelizationFactor: s.parallelizationFactor,
    });
    const destination = p.DestinationConfig.OnFailure.Destination;
    expect(destination).toEqual({ 'Fn::GetAtt': [logicalId(stack.streamReaders[name]!.deadLetterQueue), 'Arn'] });
    expect(resources[destination['Fn::GetAtt'][0]]!.Properties.SqsManagedSseEnabled).toBe(true);
  });

  it.each(readers)('%s: routes each consumer’s filters to that consumer’s queue (ROUTES), and may send to those queues only', (name) => {
    const vars = resources[logicalId(stack.functions[name].fn)]!.Properties.Environment.Variables;
    // ROUTES is JSON with the queue URLs as tokens: resolve it with each URL's reference in its place.
    const join = vars.ROUTES['Fn::Join'] as [string, unknown[]];
    const text = join[1].map((part) => (typeof part === 'string' ? part : `@@${JSON.stringify(part).replace(/"/g, "'")}@@`)).join(join[0]);
    const routes = JSON.parse(text) as { consumer: string; queueUrl: string; fifo: boolean; filters: unknown[] }[];
    expect(routes.map((r) => r.consumer).sort()).toEqual(consumers.map(([n]) => n).sort());
    for (const r of routes) {
      const spec = functions[r.consumer as FunctionName] as FunctionSpec;
      expect(r.filters).toEqual(spec.queue!.filters);
      expect(r.fifo).toBe(spec.queue!.order === 'per-campaign');
      expect(r.queueUrl).toBe(`@@${JSON.stringify({ Ref: logicalId(stack.consumers[r.consumer as FunctionName]!.queue) }).replace(/"/g, "'")}@@`);
    }
    // Lambda allows 4 KB of environment: ROUTES with URLs of a realistic length must fit with the rest.
    const realistic = text.replace(/@@[^@]+@@/g, 'https://sqs.ap-southeast-1.amazonaws.com/123456789012/Thidua-OnReportSubmittedQueue1234ABCD-AbCdEfGhIjKl.fifo');
    const others = Object.entries(vars)
      .filter(([k]) => k !== 'ROUTES')
      .map(([k, v]) => k.length + (typeof v === 'string' ? v.length : 64));
    expect(realistic.length + others.reduce((a, b) => a + b, 0)).toBeLessThan(4096);

    const sqs = statementsOf(name).filter((st) => actionsOf(st).some((a) => a.startsWith('sqs:')));
    const sends = sqs.filter((st) => actionsOf(st).includes('sqs:SendMessage'));
    expect(sends.flatMap(resourcesOf).sort()).toEqual(expect.arrayContaining(consumers.map(([n]) => ({ 'Fn::GetAtt': [logicalId(stack.consumers[n]!.queue), 'Arn'] }))));
    // Besides the consumers' queues, only its own on-failure queue (the mapping's destination).
    const allowed = new Set([...consumers.map(([n]) => logicalId(stack.consumers[n]!.queue)), logicalId(stack.streamReaders[name]!.deadLetterQueue)]);
    for (const r of sqs.flatMap(resourcesOf)) expect(allowed.has((r as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0])).toBe(true);
    for (const a of sqs.flatMap(actionsOf)) expect(['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl']).toContain(a);
  });

  it.each(consumers)('%s: its queue (FIFO or standard as the wiring says), visibility timeout, dead-letter queue after maxReceiveCount', (name, spec) => {
    const q = spec.queue!;
    const queue = queueOf(name).Properties;
    const fifo = q.order === 'per-campaign';
    if (fifo) expect(queue).toMatchObject({ FifoQueue: true, ContentBasedDeduplication: false });
    else expect(queue.FifoQueue).toBeUndefined();
    expect(queue.SqsManagedSseEnabled).toBe(true);
    // Six times the function's timeout: longer than any invocation, as Lambda requires.
    expect(queue.VisibilityTimeout).toBe(6 * spec.timeoutSeconds);
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(spec.timeoutSeconds);
    expect(queue.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(stack.consumers[name]!.deadLetterQueue), 'Arn'] }, maxReceiveCount: q.maxReceiveCount });
    const dlq = resources[logicalId(stack.consumers[name]!.deadLetterQueue)]!.Properties;
    expect(dlq.FifoQueue).toBe(fifo ? true : undefined);
    expect(dlq.MessageRetentionPeriod).toBe(14 * 86400);
    // The consumer reads its own queue only; no stream access.
    const sqs = statementsOf(name).filter((st) => actionsOf(st).some((a) => a.startsWith('sqs:')));
    expect(sqs.flatMap(resourcesOf).every((r) => JSON.stringify(r) === JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.consumers[name]!.queue), 'Arn'] }))).toBe(true);
    expect(sqs.flatMap(actionsOf)).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility']));
  });

  it.each(consumers)('%s: its Lambda mapping: batch size and window, partial batch responses, maximum concurrency', (name, spec) => {
    const q = spec.queue!;
    const p = mappingOf(name);
    expect(p.EventSourceArn).toEqual({ 'Fn::GetAtt': [logicalId(stack.consumers[name]!.queue), 'Arn'] });
    expect(p.BatchSize).toBe(q.batchSize);
    if (q.order === 'per-campaign') expect(p.MaximumBatchingWindowInSeconds).toBeUndefined();
    else expect(p.MaximumBatchingWindowInSeconds).toBe(q.maxBatchingWindowSeconds);
    expect(p.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(p.ScalingConfig).toEqual({ MaximumConcurrency: q.maxConcurrency });
    // Filtering is the router's: a mapping filter here would delete what it drops.
    expect(p.FilterCriteria).toBeUndefined();
  });

  it('the mailer is told how many of it run at once, so that together they keep to the global rate', () => {
    const mailers = consumers.filter(([, spec]) => spec.sendsEmail);
    expect(mailers.length).toBeGreaterThan(0);
    for (const [name, spec] of mailers) {
      expect(resources[logicalId(stack.functions[name].fn)]!.Properties.Environment.Variables.MAIL_CONCURRENCY).toBe(String(spec.queue!.maxConcurrency));
    }
  });

  it('every queue refuses requests without TLS', () => {
    for (const [id] of ofType('AWS::SQS::Queue')) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
        },
      });
    }
  });

  it('what the redrive needs is an output: each consumer’s queue and dead-letter queue ARNs, the router’s on-failure queue and name', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const pascal = (n: string) => n.charAt(0).toUpperCase() + n.slice(1);
    for (const [name] of consumers) {
      expect(outputs[`${pascal(name)}QueueArn`]?.Value).toEqual({ 'Fn::GetAtt': [logicalId(stack.consumers[name]!.queue), 'Arn'] });
      expect(outputs[`${pascal(name)}DeadLetterQueueArn`]?.Value).toEqual({ 'Fn::GetAtt': [logicalId(stack.consumers[name]!.deadLetterQueue), 'Arn'] });
    }
    for (const [name] of readers) {
      expect(outputs[`${pascal(name)}DeadLetterQueueUrl`]?.Value).toEqual({ Ref: logicalId(stack.streamReaders[name]!.deadLetterQueue) });
      expect(outputs[`${pascal(name)}FunctionName`]?.Value).toEqual({ Ref: logicalId(stack.functions[name].fn) });
    }
  });
});

describe('clock schedules, from infra/wiring.ts', () => {
  const scheduled = wiring.filter(([, spec]) => spec.schedule);

  it('the wiring has scheduled functions (the reminders and deadlines tick)', () => {
    expect(scheduled.length).toBeGreaterThan(0);
  });

  it.each(scheduled)('%s runs on its expression, invoking exactly that function, with retries and a dead-letter queue', (name, spec) => {
    const fnId = logicalId(stack.functions[name].fn);
    const schedules = ofType('AWS::Scheduler::Schedule').filter(([, r]) => JSON.stringify(r.Properties.Target.Arn).includes(fnId));
    expect(schedules).toHaveLength(1);
    const props = schedules[0]![1].Properties;
    expect(props.ScheduleExpression).toBe(spec.schedule!.expression);
    expect(props.Target.RetryPolicy.MaximumRetryAttempts).toBe(2);
    expect(JSON.stringify(props.Target.DeadLetterConfig.Arn)).toContain(logicalId(stack.schedules[name]!.deadLetterQueue));
    // Its role may invoke this function and nothing else.
    const roleId = (props.Target.RoleArn['Fn::GetAtt'] as string[])[0]!;
    const statements = ofType('AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(roleId))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
    expect(new Set(statements.flatMap(actionsOf))).toEqual(new Set(['lambda:InvokeFunction', 'sqs:SendMessage']));
    const invoke = statements.filter((st) => actionsOf(st).includes('lambda:InvokeFunction'));
    expect(invoke.flatMap(resourcesOf).every((r) => JSON.stringify(r).includes(fnId))).toBe(true);
    const send = statements.filter((st) => actionsOf(st).includes('sqs:SendMessage'));
    expect(send.flatMap(resourcesOf).every((r) => JSON.stringify(r).includes(logicalId(stack.schedules[name]!.deadLetterQueue)))).toBe(true);
  });
});

describe('the HTTP API, from shared/http/routes.ts', () => {
  const authorizers = ofType('AWS::ApiGatewayV2::Authorizer');

  it('has one JWT authorizer: the user pool is the issuer, the SPA client the audience', () => {
    expect(authorizers).toHaveLength(1);
    expect(authorizers[0]![1].Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(stack.userPool), 'ProviderURL'] }]] },
        Audience: [{ Ref: logicalId(stack.userPoolClient) }],
      },
    });
  });

  it('serves exactly the routes of the wiring', () => {
    const expected = apiFunctions.flatMap(([, spec]) => spec.api!.routes.map(routeKey)).sort();
    expect(
      ofType('AWS::ApiGatewayV2::Route')
        .map(([, r]) => r.Properties.RouteKey)
        .sort(),
    ).toEqual(expected);
  });

  for (const [name, spec] of apiFunctions) {
    it.each(spec.api!.routes.map((r) => [routeKey(r), r.auth] as const))(`${name}: %s has authorization %s`, (key, auth) => {
      const [, route] = ofType('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === key)!;
      if (auth === 'jwt') {
        expect(route.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizers[0]![0] } });
      } else {
        expect(route.Properties.AuthorizationType).toBe('NONE');
        expect(route.Properties.AuthorizerId).toBeUndefined();
      }
      // …and reaches this function.
      const integration = resources[route.Properties.Target['Fn::Join'][1][1].Ref]!;
      expect(integration.Properties.IntegrationUri).toEqual({ 'Fn::GetAtt': [logicalId(stack.functions[name].fn), 'Arn'] });
    });
  }

  it('logs access and throttles on its stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('\\$context\\.requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });
});

describe('the user pool', () => {
  it('is admin-only, with a strong password policy, MFA and threat protection', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: Match.objectLike({ RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }) },
      MfaConfiguration: 'ON',
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'unitId', AttributeDataType: 'String' }), Match.objectLike({ Name: 'agencyId', AttributeDataType: 'String' })]),
    });
  });

  it('invites the people the API enrols in Vietnamese, with their login name and a temporary password', () => {
    const [[, pool]] = ofType('AWS::Cognito::UserPool') as [[string, Resource]];
    const invite = pool.Properties.AdminCreateUserConfig.InviteMessageTemplate;
    expect(invite.EmailSubject).toMatch(/thi đua/);
    expect(invite.EmailMessage).toEqual(expect.stringContaining('{username}'));
    expect(invite.EmailMessage).toEqual(expect.stringContaining('{####}'));
  });

  it('has the groups the API authorizes against', () => {
    const names = ofType('AWS::Cognito::UserPoolGroup')
      .map(([, g]) => g.Properties.GroupName)
      .sort();
    expect(names).toEqual(Object.keys(groups).sort());
    // Every role a route names is a group.
    for (const [, spec] of apiFunctions) for (const r of spec.api!.routes) for (const role of r.roles ?? []) expect(names).toContain(role);
  });

  it('has a public SPA client that can read custom:unitId and custom:agencyId but write neither', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ReadAttributes: Match.arrayWith(['custom:agencyId', 'custom:unitId']),
    });
    const [[, client]] = ofType('AWS::Cognito::UserPoolClient') as [[string, Resource]];
    expect(client.Properties.WriteAttributes).not.toContain('custom:unitId');
    expect(client.Properties.WriteAttributes).not.toContain('custom:agencyId');
  });

  it.each(wiring)('%s may call the user pool only if its wiring says so: exactly those admin actions, on this pool, with its id', (name, spec) => {
    const statements = statementsOf(name).filter((s) => actionsOf(s).some((a) => a.startsWith('cognito-idp:')));
    const vars = resources[logicalId(stack.functions[name].fn)]!.Properties.Environment.Variables;
    if (!spec.userPool) {
      expect(statements).toHaveLength(0);
      expect(vars.USER_POOL_ID).toBeUndefined();
      return;
    }
    expect(statements.flatMap(actionsOf).sort()).toEqual(spec.userPool.map((a) => `cognito-idp:${a}`).sort());
    expect(statements.flatMap(resourcesOf)).toEqual([{ 'Fn::GetAtt': [logicalId(stack.userPool), 'Arn'] }]);
    expect(vars.USER_POOL_ID).toEqual({ Ref: logicalId(stack.userPool) });
  });
});

describe('IAM: least privilege per function', () => {
  const allStatements = () => ofType('AWS::IAM::Policy').flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
  const dynamodbActions = (statements: Statement[]) => [...new Set(statements.flatMap(actionsOf).filter((a) => a.startsWith('dynamodb:')))].sort();
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const indexArn = (name: string) => ({ 'Fn::Join': ['', [tableArn(), `/index/${name}`]] });

  it.each(wiring)('%s: its role may do on the table exactly what its wiring entry lists, and query exactly its indexes', (name, spec) => {
    const statements = statementsOf(name);
    const onTheTable = statements.filter((s) => resourcesOf(s).some((r) => same(r, tableArn())));
    const onIndexes = statements.filter((s) => resourcesOf(s).some((r) => JSON.stringify(r).includes('/index/')));
    // Every DynamoDB statement is on the table, an index or (for now) the stream: nothing else.
    const onStream = statements.filter((s) => resourcesOf(s).some((r) => same(r, streamArn())));
    const dynamodb = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    expect(dynamodb.length).toBe(onTheTable.length + onIndexes.length + onStream.length);

    // On the table's ARN (and only it): the wiring's actions, no more, no fewer; a purge only under its LeadingKeys condition.
    for (const s of onTheTable) expect(resourcesOf(s)).toEqual([tableArn()]);
    const purge = onTheTable.filter((s) => s.Sid === 'PurgeDisposablePartitions');
    expect(dynamodbActions(onTheTable.filter((s) => !purge.includes(s)))).toEqual(spec.table.actions.map((a) => `dynamodb:${a}`).sort());
    expect(purge.map((s) => [actionsOf(s), s.Condition])).toEqual(
      spec.table.purges?.length ? [[['dynamodb:BatchWriteItem'], { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...spec.table.purges] } }]] : [],
    );
    // On the indexes: Query, on each named index by name (never /index/*).
    expect(onIndexes.flatMap(actionsOf).every((a) => a === 'dynamodb:Query')).toBe(true);
    const indexResources = onIndexes.flatMap(resourcesOf);
    expect(indexResources).toHaveLength(spec.table.indexes.length);
    expect(indexResources).toEqual(expect.arrayContaining(spec.table.indexes.map(indexArn)));
  });

  it('no policy anywhere allows Scan, DeleteItem or table management, and none names /index/*', () => {
    const statements = allStatements();
    const forbidden = ['dynamodb:Scan', 'dynamodb:DeleteItem', 'dynamodb:DescribeTable', 'dynamodb:DeleteTable', 'dynamodb:UpdateTable', 'dynamodb:PartiQLSelect'];
    for (const s of statements) for (const a of forbidden) expect({ statement: s, forbidden: actionsOf(s).includes(a) }).toEqual({ statement: s, forbidden: false });
    expect(JSON.stringify(statements)).not.toContain('/index/*');
  });

  it('the table actions of the whole stack are exactly the union of the wiring’s lists (plus the stream reads of its consumers)', () => {
    const granted = dynamodbActions(allStatements().filter((s) => !resourcesOf(s).some((r) => same(r, streamArn()))));
    const expected = new Set(wiring.flatMap(([, spec]) => [...spec.table.actions.map((a) => `dynamodb:${a}`), ...(spec.table.indexes.length ? ['dynamodb:Query'] : [])]));
    expect(granted).toEqual([...expected].sort());
  });

  it('bindTable grants what it is given: an action list on the table, Query on the named indexes, nothing for an empty list', () => {
    const s = new Stack(new App({ builtinCloudFormationValidation: false, context: cdkContext }), 'Grants');
    const t = createTable(s, 'Table', { removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false });
    const reader = new Role(s, 'Reader', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    bindTable(t, reader, { actions: ['GetItem'], indexes: ['attn'] });
    bindTable(t, new Role(s, 'Nobody', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') }), { actions: [], indexes: [] });
    const policies = Object.values(Template.fromStack(s).findResources('AWS::IAM::Policy'));
    expect(policies).toHaveLength(1);
    const statements = policies[0]!.Properties.PolicyDocument.Statement as Statement[];
    const id = s.getLogicalId(t.node.defaultChild as import('aws-cdk-lib').CfnElement);
    expect(statements.map((st) => [actionsOf(st), resourcesOf(st)])).toEqual([
      [['dynamodb:GetItem'], [{ 'Fn::GetAtt': [id, 'Arn'] }]],
      [['dynamodb:Query'], [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [id, 'Arn'] }, '/index/attn']] }]],
    ]);
  });

  it.each(wiring)('%s reads the stream only if it subscribes to it', (name, spec) => {
    const onStream = statementsOf(name).filter((s) => resourcesOf(s).some((r) => JSON.stringify(r) === JSON.stringify(streamArn())));
    if (spec.stream) expect(onStream.flatMap(actionsOf)).toEqual(expect.arrayContaining(['dynamodb:GetRecords', 'dynamodb:GetShardIterator']));
    else expect(onStream).toHaveLength(0);
  });

  it.each(wiring)('%s may send email only if its wiring entry says so, and only as the sender, through the configuration set', (name, spec) => {
    const all = statementsOf(name).filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
    if (!spec.sendsEmail) return expect(all).toHaveLength(0);
    // Besides sending, only reading the account's send quota (its default pace), which has no resource.
    const quota = all.filter((s) => actionsOf(s).includes('ses:GetAccount'));
    expect(quota.map((s) => [actionsOf(s), resourcesOf(s)])).toEqual([[['ses:GetAccount'], ['*']]]);
    const ses = all.filter((s) => !quota.includes(s));
    expect(ses).toHaveLength(1);
    expect(actionsOf(ses[0]!)).toEqual(['ses:SendEmail']);
    const expected = stack.resolve([...stack.sesResources.identities, stack.sesResources.configurationSet]);
    expect(resourcesOf(ses[0]!)).toEqual(expect.arrayContaining(expected));
    expect(resourcesOf(ses[0]!)).toHaveLength(expected.length);
    const rendered = JSON.stringify(resourcesOf(ses[0]!));
    expect(rendered).toContain(':identity/thidua.example.org');
    expect(rendered).toContain(':identity/no-reply@thidua.example.org');
    expect(rendered).toContain(':configuration-set/thidua');
    // Only as the configured sender, not as any address of the verified domain.
    expect(ses[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'no-reply@thidua.example.org' } });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'thidua' });
    template.resourceCountIs('AWS::SES::EmailIdentity', 0);
  });

  it('no statement grants a service wildcard, and Resource "*" only for X-Ray', () => {
    const statements = ofType('AWS::IAM::Policy').flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements.filter((s) => s.Effect === 'Allow')) {
      for (const a of actionsOf(s)) expect(a).not.toMatch(/^(\*|dynamodb:\*|ses:\*|sqs:\*|[a-z0-9-]+:\*)$/);
      if (resourcesOf(s).includes('*')) expect(actionsOf(s).every((a) => a.startsWith('xray:') || a === 'ses:GetAccount')).toBe(true);
    }
    // No managed policies (AWSLambdaBasicExecutionRole would allow writing to every log group).
    for (const [, role] of ofType('AWS::IAM::Role')) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });
});

describe('outputs', () => {
  it('name the API URL, the user pool, its client and the table', () => {
    const outputs = template.toJSON().Outputs as Record<string, unknown>;
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'TableName']));
  });
});

describe('SES events (bounces and complaints), from infra/wiring.ts', () => {
  const sesEventFunctions = wiring.filter(([, spec]) => spec.sesEvents);
  const configurationSetId = ofType('AWS::SES::ConfigurationSet')[0]![0];
  const configurationSetArn = () => stack.resolve(stack.sesResources.configurationSet);
  /** The SNS subscriptions that invoke a function. */
  const subscriptionsOf = (name: FunctionName) =>
    ofType('AWS::SNS::Subscription').filter(
      ([, r]) => r.Properties.Protocol === 'lambda' && JSON.stringify(r.Properties.Endpoint) === JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.functions[name].fn), 'Arn'] }),
    );

  it('the wiring has a function for SES events, and the template one event destination per such function', () => {
    expect(sesEventFunctions.length).toBeGreaterThan(0);
    template.resourceCountIs('AWS::SES::ConfigurationSetEventDestination', sesEventFunctions.length);
  });

  it.each(sesEventFunctions)('%s: the configuration set publishes sends, deliveries, bounces and complaints to the topic it is subscribed to', (name) => {
    const subscriptions = subscriptionsOf(name);
    expect(subscriptions).toHaveLength(1);
    const topicArn = subscriptions[0]![1].Properties.TopicArn;
    expect(resources[topicArn.Ref]?.Type).toBe('AWS::SNS::Topic');

    const destinations = ofType('AWS::SES::ConfigurationSetEventDestination').filter(([, d]) => JSON.stringify(d.Properties.EventDestination.SnsDestination?.TopicARN) === JSON.stringify(topicArn));
    expect(destinations).toHaveLength(1);
    const d = destinations[0]![1].Properties;
    expect(d.ConfigurationSetName).toEqual({ Ref: configurationSetId });
    expect(d.EventDestination.Enabled).toBe(true);
    expect(d.EventDestination.MatchingEventTypes).toEqual(expect.arrayContaining(['send', 'delivery', 'bounce', 'complaint', 'reject']));
    // SNS may invoke the function, and only from this topic.
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'sns.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [logicalId(stack.functions[name].fn), 'Arn'] },
      SourceArn: topicArn,
    });
  });

  it.each(sesEventFunctions)('%s: only SES, for this account and configuration set, may publish to the topic, over TLS', (name) => {
    const topicArn = subscriptionsOf(name)[0]![1].Properties.TopicArn;
    const policies = ofType('AWS::SNS::TopicPolicy').filter(([, p]) => JSON.stringify(p.Properties.Topics) === JSON.stringify([topicArn]));
    expect(policies).toHaveLength(1);
    const statements = policies[0]![1].Properties.PolicyDocument.Statement as (Statement & { Principal: unknown })[];
    const allows = statements.filter((st) => st.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Action: 'sns:Publish',
      Principal: { Service: 'ses.amazonaws.com' },
      Resource: topicArn,
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' }, 'aws:SourceArn': configurationSetArn() } },
    });
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 'sns:Publish', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  it.each(sesEventFunctions)('%s: the topic is encrypted with a rotated customer key that SES (this configuration set) may use', (name) => {
    const topic = resources[subscriptionsOf(name)[0]![1].Properties.TopicArn.Ref]!;
    const keyId = topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0] as string;
    const key = resources[keyId]!;
    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'ses.amazonaws.com' },
        Action: expect.arrayContaining(['kms:GenerateDataKey*', 'kms:Decrypt']),
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' }, 'aws:SourceArn': configurationSetArn() } },
      }),
    );
    // The event destination is created after the policies SES checks when it is created.
    const [[, destination]] = ofType('AWS::SES::ConfigurationSetEventDestination').filter(
      ([, d]) => JSON.stringify(d.Properties.EventDestination.SnsDestination.TopicARN) === JSON.stringify({ Ref: logicalId(stack.sesEvents[name]!.topic) }),
    ) as [[string, Resource & { DependsOn: string[] }]];
    expect(destination.DependsOn).toEqual(expect.arrayContaining([keyId, logicalId(stack.sesEvents[name]!.topic.node.findChild('Policy'))]));
  });

  it.each(sesEventFunctions)('%s: a message SNS cannot deliver goes to an encrypted dead-letter queue that only this topic may write to', (name) => {
    const [, subscription] = subscriptionsOf(name)[0]!;
    const dlq = subscription.Properties.RedrivePolicy?.deadLetterTargetArn;
    expect(dlq).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
    const queueId = dlq['Fn::GetAtt'][0] as string;
    expect(resources[queueId]!.Type).toBe('AWS::SQS::Queue');
    expect(resources[queueId]!.Properties.SqsManagedSseEnabled).toBe(true);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Principal: { Service: 'sns.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': subscription.Properties.TopicArn } },
          }),
        ]),
      },
    });
  });

  it.each(sesEventFunctions)('%s: an event the function still fails on after Lambda’s retries goes to an on-failure queue', (name) => {
    const configs = ofType('AWS::Lambda::EventInvokeConfig').filter(([, c]) => c.Properties.FunctionName?.Ref === logicalId(stack.functions[name].fn));
    expect(configs).toHaveLength(1);
    const c = configs[0]![1].Properties;
    expect(c.MaximumRetryAttempts).toBe(2);
    const queueId = c.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0] as string;
    expect(resources[queueId]!.Type).toBe('AWS::SQS::Queue');
    // Not the subscription's queue: the two hold messages of different shapes.
    expect(queueId).not.toBe(subscriptionsOf(name)[0]![1].Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0]);
    // The function may send to that queue and no other.
    const sqs = statementsOf(name).filter((st) => actionsOf(st).some((a) => a.startsWith('sqs:')));
    expect(sqs.flatMap(resourcesOf)).toEqual([{ 'Fn::GetAtt': [queueId, 'Arn'] }]);
  });
});

describe('operations alarms', () => {
  type Alarm = { Properties: Record<string, any> };
  const alarms = ofType('AWS::CloudWatch::Alarm') as [string, Alarm][];
  const alarmTopic = () => ({ Ref: logicalId(stack.alarms.topic) });
  const byMetric = (metricName: string, namespace: string) => alarms.filter(([, a]) => a.Properties.MetricName === metricName && a.Properties.Namespace === namespace);
  const dimension = (a: Alarm, name: string) => (a.Properties.Dimensions as { Name: string; Value: unknown }[] | undefined)?.find((d) => d.Name === name)?.Value;
  /** The service name Powertools Metrics writes as the `service` dimension. */
  const serviceName = () => resources[logicalId(stack.functions[wiring[0]![0]].fn)]!.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME as string;

  /** Every queue the template uses as a dead-letter / on-failure destination, by what points at it. */
  function deadLetterQueues(): Set<string> {
    const ids = new Set<string>();
    const add = (arn: unknown) => ids.add((arn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]);
    for (const [, m] of ofType('AWS::Lambda::EventSourceMapping')) if (m.Properties.DestinationConfig) add(m.Properties.DestinationConfig.OnFailure.Destination);
    for (const [, q] of ofType('AWS::SQS::Queue')) if (q.Properties.RedrivePolicy) add(q.Properties.RedrivePolicy.deadLetterTargetArn);
    for (const [, s] of ofType('AWS::Scheduler::Schedule')) if (s.Properties.Target.DeadLetterConfig) add(s.Properties.Target.DeadLetterConfig.Arn);
    for (const [, s] of ofType('AWS::SNS::Subscription')) if (s.Properties.RedrivePolicy) add(s.Properties.RedrivePolicy.deadLetterTargetArn);
    for (const [, c] of ofType('AWS::Lambda::EventInvokeConfig')) if (c.Properties.DestinationConfig?.OnFailure) add(c.Properties.DestinationConfig.OnFailure.Destination);
    for (const id of ids) expect(resources[id]!.Type).toBe('AWS::SQS::Queue');
    return ids;
  }

  it('exist, and every one notifies the alarms topic (on alarm and on recovery) and treats missing data as not breaching', () => {
    expect(alarms.length).toBeGreaterThan(0);
    for (const [, a] of alarms) {
      expect(a.Properties.AlarmActions).toEqual([alarmTopic()]);
      expect(a.Properties.OKActions).toEqual([alarmTopic()]);
      expect(a.Properties.TreatMissingData).toBe('notBreaching');
      expect(a.Properties.AlarmDescription).toEqual(expect.any(String));
    }
  });

  it('the alarms topic is encrypted with a rotated key CloudWatch may use, refuses requests without TLS, and is an output', () => {
    const topic = resources[alarmTopic().Ref]!;
    const key = resources[topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0]]!;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    const cloudWatch = { Service: 'cloudwatch.amazonaws.com' };
    expect(key.Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Allow', Principal: cloudWatch, Action: expect.arrayContaining(['kms:GenerateDataKey*', 'kms:Decrypt']) }),
    );
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [alarmTopic()],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Action: 'sns:Publish', Principal: cloudWatch, Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }) }),
        ]),
      },
    });
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.AlarmTopicArn?.Value).toEqual(alarmTopic());
  });

  it('the alarms topic emails alarmEmail from the context, and nobody by default', () => {
    const emails = (t: Template) => Object.values(t.findResources('AWS::SNS::Subscription', { Properties: { Protocol: 'email' } }));
    expect(emails(template)).toHaveLength(0);
    const { stack: s, logicalId: lid } = buildStack({ context: { alarmEmail: 'vanphong@thidua.example.org' } });
    const subscriptions = emails(Template.fromStack(s));
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]!.Properties).toMatchObject({ Endpoint: 'vanphong@thidua.example.org', TopicArn: { Ref: lid(s.alarms.topic) } });
    expect(() => buildStack({ context: { alarmEmail: 'ops' } })).toThrow(/alarmEmail/);
  });

  it('one iterator-age alarm, on the stream reader: maximum over 1 minute above 5 minutes, 3 datapoints in a row', () => {
    const iteratorAge = byMetric('IteratorAge', 'AWS/Lambda');
    expect(iteratorAge).toHaveLength(readers.length);
    for (const [name] of readers) {
      const mine = iteratorAge.filter(([, a]) => JSON.stringify(dimension(a, 'FunctionName')) === JSON.stringify({ Ref: logicalId(stack.functions[name].fn) }));
      expect(mine).toHaveLength(1);
      expect(mine[0]![1].Properties).toMatchObject({
        Statistic: 'Maximum',
        Period: 60,
        Threshold: 300000,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 3,
        DatapointsToAlarm: 3,
      });
    }
  });

  it('one age-of-oldest-message alarm per consumer queue: maximum over 5 minutes above 15 minutes, 3 periods in a row', () => {
    const age = byMetric('ApproximateAgeOfOldestMessage', 'AWS/SQS');
    expect(age).toHaveLength(consumers.length);
    for (const [name] of consumers) {
      const mine = age.filter(([, a]) => JSON.stringify(dimension(a, 'QueueName')) === JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.consumers[name]!.queue), 'QueueName'] }));
      expect(mine).toHaveLength(1);
      expect(mine[0]![1].Properties).toMatchObject({ Statistic: 'Maximum', Period: 300, Threshold: 900, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 3, DatapointsToAlarm: 3 });
    }
  });

  it('one queue-depth alarm per dead-letter queue, firing on the first message', () => {
    const queues = deadLetterQueues();
    // Every queue of the stack is a consumer's queue or a dead-letter queue: of the stream reader, of
    // each consumer's queue, of the schedules, and the SES subscription and on-failure queue of each
    // SES event function.
    const consumerQueues = new Set(consumers.map(([name]) => logicalId(stack.consumers[name]!.queue)));
    expect(new Set(ofType('AWS::SQS::Queue').map(([id]) => id))).toEqual(new Set([...queues, ...consumerQueues]));
    const sesEventFunctions = wiring.filter(([, spec]) => spec.sesEvents).length;
    expect(queues.size).toBe(readers.length + consumers.length + wiring.filter(([, spec]) => spec.schedule).length + 2 * sesEventFunctions);

    const depth = byMetric('ApproximateNumberOfMessagesVisible', 'AWS/SQS');
    expect(depth).toHaveLength(queues.size);
    for (const id of queues) {
      const mine = depth.filter(([, a]) => JSON.stringify(dimension(a, 'QueueName')) === JSON.stringify({ 'Fn::GetAtt': [id, 'QueueName'] }));
      expect(mine).toHaveLength(1);
      expect(mine[0]![1].Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1 });
    }
  });

  it('the mailer: an errors alarm on any error within 5 minutes', () => {
    const mailers = wiring.filter(([, spec]) => spec.sendsEmail);
    expect(mailers.length).toBeGreaterThan(0);
    const errors = byMetric('Errors', 'AWS/Lambda');
    expect(errors).toHaveLength(mailers.length);
    for (const [name] of mailers) {
      const mine = errors.filter(([, a]) => JSON.stringify(dimension(a, 'FunctionName')) === JSON.stringify({ Ref: logicalId(stack.functions[name].fn) }));
      expect(mine).toHaveLength(1);
      expect(mine[0]![1].Properties).toMatchObject({ Statistic: 'Sum', Period: 300, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    }
  });

  it('bounce rate: 100 × bounced / sent over 1 hour above 5 %, from the custom metrics of the wiring', () => {
    const math = alarms.filter(([, a]) => Array.isArray(a.Properties.Metrics));
    const bounceRate = math.filter(([, a]) => (a.Properties.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[]).some((m) => m.MetricStat?.Metric.MetricName === metrics.names.bounced));
    expect(bounceRate).toHaveLength(1);
    const p = bounceRate[0]![1].Properties;
    expect(p).toMatchObject({ Threshold: 5, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1 });

    type Query = { Id: string; Expression?: string; ReturnData?: boolean; MetricStat?: { Metric: { MetricName: string; Namespace: string; Dimensions: unknown }; Period: number; Stat: string } };
    const queries = p.Metrics as Query[];
    const idOf = (metricName: string) => {
      const q = queries.find((m) => m.MetricStat?.Metric.MetricName === metricName);
      expect(q).toBeDefined();
      expect(q!.MetricStat).toEqual({
        Metric: { MetricName: metricName, Namespace: metrics.namespace, Dimensions: [{ Name: 'service', Value: serviceName() }] },
        Period: 3600,
        Stat: 'Sum',
      });
      expect(q!.ReturnData).toBe(false);
      return q!.Id;
    };
    const [bounced, sent] = [idOf(metrics.names.bounced), idOf(metrics.names.sent)];
    const expressions = queries.filter((q) => q.Expression);
    expect(expressions).toHaveLength(1);
    expect(expressions[0]!.ReturnData).toBe(true);
    expect(expressions[0]!.Expression!.replace(/\s+/g, '')).toBe(`100*${bounced}/MAX([${sent},1])`);
    expect(metrics.namespace).toBe('Thidua');
  });

  it.each([
    ['failed', 900],
    ['uncertain', 300],
  ] as const)('deliveries %s: an alarm on the first one', (key, period) => {
    const mine = byMetric(metrics.names[key], metrics.namespace);
    expect(mine).toHaveLength(1);
    expect(mine[0]![1].Properties).toMatchObject({
      Dimensions: [{ Name: 'service', Value: serviceName() }],
      Statistic: 'Sum',
      Period: period,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('no other alarms than these', () => {
    const expected = readers.length + consumers.length + deadLetterQueues().size + wiring.filter(([, spec]) => spec.sendsEmail).length + 3;
    expect(alarms).toHaveLength(expected);
  });
});
