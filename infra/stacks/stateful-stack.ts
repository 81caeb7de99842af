import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  ConfigurationSet,
  ConfigurationSetEventDestination,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { type IndexSpec, type KeySpec, type TableSpec, tableSpecs } from '../../shared/adapters/dynamodb/table-specs';
import type { StageConfig } from '../config';

export interface StatefulStackProps extends StackProps {
  config: StageConfig;
}

/** The SES event types sent to EventBridge: the ones that must stop further mail to an address. */
export const SES_FEEDBACK_EVENTS = [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.REJECT];

const attribute = (key: KeySpec) => ({
  name: key.name,
  type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER,
});

const projection = (index: IndexSpec) => (index.projection === 'ALL' ? ProjectionType.ALL : ProjectionType.KEYS_ONLY);

/**
 * What holds data or identity and must outlive a redeploy of the code: the two tables (built from
 * the shared table specs), the project's event bus, and the SES identity with its configuration set.
 */
export class StatefulStack extends Stack {
  readonly tables: Record<TableSpec['logicalName'], Table>;
  readonly eventBus: EventBus;
  readonly emailIdentity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  /** ARN of the configuration set (the L2 construct does not expose one). */
  readonly configurationSetArn: string;
  /**
   * The key manage tokens are derived from (HMAC of the registration id), so the mailer can put a
   * registrant's manage link in every email while only token hashes are stored. Stateful: rotating
   * it invalidates the links in every email already sent.
   */
  readonly manageTokenSecret: Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    const retain = config.retention.removal === 'retain';

    const tables = {} as Record<TableSpec['logicalName'], Table>;
    for (const spec of tableSpecs) {
      tables[spec.logicalName] = this.table(spec, config);
    }
    this.tables = tables;

    this.manageTokenSecret = new Secret(this, 'ManageTokenSecret', {
      description: `Key for deriving registrants' manage tokens (${config.stage}); never rotate: sent links depend on it`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.eventBus = new EventBus(this, 'EventBus', {
      description: `Stadsgesprekken domain events (${config.stage})`,
    });
    this.eventBus.applyRemovalPolicy(retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      // Addresses that bounced or complained are not mailed again, account-wide.
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSetArn = this.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });

    // SES can only deliver to the account's default bus; the stateless stack forwards these events
    // to the project's bus, where the routing rules see them.
    new ConfigurationSetEventDestination(this, 'FeedbackEvents', {
      configurationSet: this.configurationSet,
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: SES_FEEDBACK_EVENTS,
    });

    this.emailIdentity = new EmailIdentity(this, 'EmailIdentity', {
      identity: Identity.domain(config.mail.sesDomain),
      configurationSet: this.configurationSet,
    });
    this.emailIdentity.applyRemovalPolicy(retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
  }

  private table(spec: TableSpec, config: StageConfig): Table {
    const table = new Table(this, `${spec.logicalName[0]?.toUpperCase()}${spec.logicalName.slice(1)}Table`, {
      partitionKey: attribute(spec.partitionKey),
      sortKey: attribute(spec.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      stream: StreamViewType[spec.stream],
      timeToLiveAttribute: spec.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: config.retention.deletionProtection,
      removalPolicy: config.retention.removal === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of spec.globalIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
        projectionType: projection(index),
      });
    }
    for (const index of spec.localIndexes) {
      if (index.partitionKey.name !== spec.partitionKey.name) {
        throw new Error(`${spec.logicalName}.${index.indexName}: a local index shares the table's partition key`);
      }
      if (!index.sortKey) throw new Error(`${spec.logicalName}.${index.indexName}: a local index needs a sort key`);
      table.addLocalSecondaryIndex({
        indexName: index.indexName,
        sortKey: attribute(index.sortKey),
        projectionType: projection(index),
      });
    }
    return table;
  }
}
