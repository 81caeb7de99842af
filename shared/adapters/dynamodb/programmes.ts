import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Programme } from '../../domain/model';
import type { ProgrammeWrite, ProgrammeWriteRefused } from '../../ports/sessions';
import { conditionFailedItem, isConditionalCheckFailed } from './conditions';
import { queryAll } from './query';
import { SESSIONS_BY_DATE_INDEX } from './table-specs';

/**
 * Programme items, in the sessions table next to their sessions. Listed through the byDate index
 * under a partition of their own, ordered by id: a handful of programmes a year at most.
 */
export const programmeKeys = {
  programme: (id: string) => ({ pk: `PROGRAMME#${id}`, sk: 'PROGRAMME' }),
  listed: (id: string) => ({ gsi1pk: 'PROGRAMMES', gsi1sk: id }),
};

type ProgrammeItem = Programme & { pk: string; sk: string; type: 'programme'; gsi1pk?: string; gsi1sk?: string };

const toItem = (p: Programme): ProgrammeItem => ({
  ...p,
  ...programmeKeys.programme(p.id),
  ...programmeKeys.listed(p.id),
  type: 'programme',
});

export function fromProgrammeItem(item: Record<string, unknown>): Programme {
  const { pk: _pk, sk: _sk, type: _t, gsi1pk: _g, gsi1sk: _s, ...p } = item as unknown as ProgrammeItem;
  return p;
}

export function programmeAccess(db: DynamoDBDocumentClient, tableName: string) {
  return {
    async getProgramme(id: string): Promise<Programme | null> {
      const r = await db.send(
        new GetCommand({ TableName: tableName, Key: programmeKeys.programme(id), ConsistentRead: true }),
      );
      return r.Item ? fromProgrammeItem(r.Item) : null;
    },

    async listProgrammes(): Promise<Programme[]> {
      const items = await queryAll(db, {
        TableName: tableName,
        IndexName: SESSIONS_BY_DATE_INDEX,
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': 'PROGRAMMES' },
      });
      return items.map(fromProgrammeItem);
    },

    /**
     * Creates (expectedVersion null: only if absent) or replaces (only at that version) the
     * programme's settings; the version rises by one. Items from before programmes had a version
     * are at version 1.
     */
    async putProgramme({ programme, expectedVersion, at }: ProgrammeWrite): Promise<Programme | ProgrammeWriteRefused> {
      const next: Programme = {
        ...programme,
        version: (expectedVersion ?? 0) + 1,
        createdAt: programme.createdAt ?? at,
        updatedAt: at,
      };
      const condition =
        expectedVersion === null
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression:
                expectedVersion === 1
                  ? 'attribute_exists(pk) AND (#version = :v OR attribute_not_exists(#version))'
                  : 'attribute_exists(pk) AND #version = :v',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':v': expectedVersion },
            };
      try {
        await db.send(
          new PutCommand({
            TableName: tableName,
            Item: toItem(next),
            ...condition,
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return next;
      } catch (e) {
        if (!isConditionalCheckFailed(e)) throw e;
        const item = conditionFailedItem(e);
        return { refused: true, current: item ? fromProgrammeItem(item) : null };
      }
    },
  };
}
