import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** A stream record's old or new image, from DynamoDB JSON to a plain item (streams are not marshalled by the document client). */
export const readStreamImage = (raw: Record<string, unknown> | undefined): Record<string, unknown> | undefined =>
  raw ? (unmarshall(raw as Record<string, AttributeValue>) as Record<string, unknown>) : undefined;
