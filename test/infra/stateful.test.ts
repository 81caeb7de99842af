import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { stageNames } from '../../infra/config';
import { type IndexSpec, tableSpecs } from '../../shared/adapters/dynamodb/table-specs';
import { type CfnResource, resourcesOfType, SYNTH_TIMEOUT_MS, type SynthesizedStage, synthStage } from './support';

const keySchema = (pk: string, sk?: string) => [
  { AttributeName: pk, KeyType: 'HASH' },
  ...(sk ? [{ AttributeName: sk, KeyType: 'RANGE' }] : []),
];
const projection = (index: IndexSpec) => ({ ProjectionType: index.projection });

describe.each(stageNames)('stateful stack, stage %s', (stage) => {
  let synth: SynthesizedStage;
  beforeAll(() => {
    synth = synthStage(stage, { bundle: false });
  }, SYNTH_TIMEOUT_MS);

  it('has exactly the tables of the table specs', () => {
    synth.stateful.resourceCountIs('AWS::DynamoDB::Table', tableSpecs.length);
  });

  it.each(tableSpecs)('builds the $logicalName table from its spec', (spec) => {
    // Arrange: the logical id the stack gives this spec's table.
    const tables = resourcesOfType(synth.stateful, 'AWS::DynamoDB::Table');
    const [, table] = Object.entries(tables).find(([id]) => id.toLowerCase().startsWith(spec.logicalName)) ?? [];
    expect(table, `table for ${spec.logicalName}`).toBeDefined();
    const props = (table as CfnResource).Properties ?? {};

    // Assert
    expect(props.KeySchema).toEqual(keySchema(spec.partitionKey.name, spec.sortKey.name));
    expect(props.BillingMode).toBe('PAY_PER_REQUEST');
    expect(props.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(props.TimeToLiveSpecification).toEqual({ AttributeName: spec.ttlAttribute, Enabled: true });
    expect(props.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(props.GlobalSecondaryIndexes ?? []).toEqual(
      spec.globalIndexes.map((i) => ({
        IndexName: i.indexName,
        KeySchema: keySchema(i.partitionKey.name, i.sortKey?.name),
        Projection: projection(i),
      })),
    );
    expect(props.LocalSecondaryIndexes ?? []).toEqual(
      spec.localIndexes.map((i) => ({
        IndexName: i.indexName,
        KeySchema: keySchema(i.partitionKey.name, i.sortKey?.name),
        Projection: projection(i),
      })),
    );
    const declared = new Map(
      [
        spec.partitionKey,
        spec.sortKey,
        ...[...spec.globalIndexes, ...spec.localIndexes].flatMap((i) => [i.partitionKey, i.sortKey]),
      ]
        .filter((k) => k !== undefined)
        .map((k) => [k.name, k.type]),
    );
    expect(props.AttributeDefinitions).toEqual(
      expect.arrayContaining([...declared].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }))),
    );
    expect((props.AttributeDefinitions as unknown[]).length).toBe(declared.size);
  });

  it('protects and retains the tables in prod only', () => {
    const prod = stage === 'prod';
    for (const table of Object.values(resourcesOfType(synth.stateful, 'AWS::DynamoDB::Table'))) {
      expect(table.Properties.DeletionProtectionEnabled).toBe(prod);
      expect(table.DeletionPolicy).toBe(prod ? 'Retain' : 'Delete');
      expect(table.UpdateReplacePolicy).toBe(prod ? 'Retain' : 'Delete');
    }
  });

  it('has a custom event bus', () => {
    synth.stateful.resourceCountIs('AWS::Events::EventBus', 1);
    synth.stateful.hasResourceProperties('AWS::Events::EventBus', { Name: Match.stringLikeRegexp('Stateful') });
  });

  it('verifies the SES domain and sends bounces and complaints to EventBridge', () => {
    synth.stateful.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: synth.config.mail.sesDomain,
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
    });
    synth.stateful.hasResourceProperties('AWS::SES::ConfigurationSet', {
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    synth.stateful.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']),
        EventBridgeDestination: {
          EventBusArn: Match.objectLike({
            'Fn::Join': Match.arrayWith([Match.arrayWith([':event-bus/default'])]),
          }),
        },
      },
    });
  });
});
