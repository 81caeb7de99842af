import {
  type AttributeValue,
  DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { type IndexSpec, tableSpecs } from '../table-specs';
import { itemSize, readUnits, writeUnits } from './item-size';

/**
 * Consumed capacity computed from item sizes by DynamoDB's documented rules, because DynamoDB
 * Local returns no ConsumedCapacity. Reads: one unit per started 4 KB read (a Query sums the sizes
 * of all items it reads, COUNT or not), half for eventually consistent reads. Writes: one unit per
 * started KB of the larger of the item before and after, twice in a transaction, plus one write per
 * index entry put or removed (an index's own units, sized by its projection). To know the sizes the
 * meter reads items before and after each write with a client of its own, which the model does not
 * see: use it for measurements, never under load.
 */
export interface CapacityFigures {
  calls: number;
  readUnits: number;
  writeUnits: number;
  /** Of writeUnits: those spent on index entries. */
  indexWriteUnits: number;
}

export interface CapacityMeter {
  before(command: string, input: Record<string, unknown>): Promise<Map<string, number> | null>;
  after(
    command: string,
    input: Record<string, unknown>,
    output: Record<string, unknown>,
    before: Map<string, number> | null,
  ): Promise<void>;
  /** Figures since the last reset, and resets them. */
  take(): CapacityFigures;
  destroy(): void;
}

type Item = Record<string, AttributeValue>;
type Low = Record<string, unknown>;

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);

/** The indexes of a physical table (ours are `${prefix}${logicalName}`). */
const indexesOf = (table: string): IndexSpec[] => {
  const spec = tableSpecs.find((t) => table.endsWith(t.logicalName));
  return spec ? [...spec.globalIndexes, ...spec.localIndexes] : [];
};

export function createCapacityMeter(endpoint: string | undefined, keyAttributes: readonly string[]): CapacityMeter {
  const side = new DynamoDBClient({
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    region: 'eu-west-1',
  });
  let figures: CapacityFigures = { calls: 0, readUnits: 0, writeUnits: 0, indexWriteUnits: 0 };

  const keyOf = (item: Item): Item =>
    Object.fromEntries(keyAttributes.filter((k) => item[k]).map((k) => [k, item[k] as AttributeValue]));
  const actionsOf = (command: string, input: Low): Low[] =>
    command === 'TransactWriteItems'
      ? ((input.TransactItems ?? []) as Array<Record<string, Low>>).map((e) => Object.values(e)[0] as Low)
      : WRITES.has(command)
        ? [input]
        : [];
  const idOf = (a: Low) => {
    const key = (a.Key ?? keyOf(a.Item as Item)) as Item;
    return `${String(a.TableName)}|${JSON.stringify(key)}`;
  };
  const fetch = async (a: Low): Promise<Item | undefined> => {
    const Key = (a.Key ?? keyOf(a.Item as Item)) as Item;
    const r = await side.send(new GetItemCommand({ TableName: a.TableName as string, Key, ConsistentRead: true }));
    return r.Item;
  };
  const images = new Map<string, Item | undefined>();

  const indexUnits = (table: string, old: Item | undefined, now: Item | undefined): number => {
    let units = 0;
    for (const ix of indexesOf(table)) {
      const keyOfIx = (i: Item | undefined) =>
        i?.[ix.partitionKey.name] && (!ix.sortKey || i[ix.sortKey.name])
          ? JSON.stringify([i[ix.partitionKey.name], ix.sortKey ? i[ix.sortKey.name] : null])
          : null;
      const size = (i: Item | undefined) => (ix.projection === 'ALL' ? itemSize(i) : 100);
      const a = keyOfIx(old);
      const b = keyOfIx(now);
      if (a && b && a === b) units += writeUnits(Math.max(size(old), size(now)), false);
      else {
        if (a) units += writeUnits(size(old), false);
        if (b) units += writeUnits(size(now), false);
      }
    }
    return units;
  };

  return {
    async before(command, input) {
      const actions = actionsOf(command, input);
      if (actions.length === 0) return null;
      const sizes = new Map<string, number>();
      for (const a of actions) {
        const old = await fetch(a);
        images.set(idOf(a), old);
        sizes.set(idOf(a), itemSize(old));
      }
      return sizes;
    },

    async after(command, input, output, before) {
      figures.calls++;
      if (command === 'GetItem') {
        figures.readUnits += readUnits(
          itemSize(output.Item as Item | undefined),
          input.ConsistentRead ? 'strong' : 'eventual',
        );
        return;
      }
      if (command === 'Query') {
        let items = (output.Items ?? []) as Item[];
        if (input.Select === 'COUNT') {
          // A COUNT reads every item it counts: read them again to know their sizes.
          const again = await side.send(
            new QueryCommand({ ...(input as unknown as QueryCommandInput), Select: 'ALL_ATTRIBUTES' }),
          );
          items = again.Items ?? [];
        }
        const bytes = items.reduce((n, i) => n + itemSize(i), 0);
        figures.readUnits += readUnits(bytes, input.ConsistentRead ? 'strong' : 'eventual');
        return;
      }
      const actions = actionsOf(command, input);
      const transactional = command === 'TransactWriteItems';
      for (const a of actions) {
        const id = idOf(a);
        const old = images.get(id);
        images.delete(id);
        const now = await fetch(a);
        const bytes = Math.max(before?.get(id) ?? 0, itemSize(now));
        figures.writeUnits += writeUnits(bytes, transactional);
        const ix = indexUnits(String(a.TableName), old, now);
        figures.writeUnits += ix;
        figures.indexWriteUnits += ix;
      }
    },

    take() {
      const out = figures;
      figures = { calls: 0, readUnits: 0, writeUnits: 0, indexWriteUnits: 0 };
      return out;
    },

    destroy: () => side.destroy(),
  };
}
