import type { ITable } from 'aws-cdk-lib/aws-dynamodb';

/** The stateful stack's tables, as the stateless sections bind them. */
export interface Tables {
  sessions: ITable;
  registrations: ITable;
}
