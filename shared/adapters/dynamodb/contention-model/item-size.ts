import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * An item's size as DynamoDB bills it (developer guide, "Item sizes and formats"): each attribute
 * name's UTF-8 length plus its value's size. Strings and binaries count their bytes; a number about
 * one byte per two significant digits plus one; booleans and nulls one byte; lists and maps 3 bytes
 * plus one per element plus their elements (and, for maps, the element names).
 */
export function attributeValueSize(v: AttributeValue): number {
  if (v.S !== undefined) return Buffer.byteLength(v.S, 'utf8');
  if (v.N !== undefined) return numberSize(v.N);
  if (v.B !== undefined) return v.B.byteLength;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS) return v.SS.reduce((n, s) => n + Buffer.byteLength(s, 'utf8'), 0);
  if (v.NS) return v.NS.reduce((n, s) => n + numberSize(s), 0);
  if (v.BS) return v.BS.reduce((n, b) => n + b.byteLength, 0);
  if (v.L) return 3 + v.L.reduce((n, e) => n + 1 + attributeValueSize(e), 0);
  if (v.M)
    return 3 + Object.entries(v.M).reduce((n, [k, e]) => n + 1 + Buffer.byteLength(k) + attributeValueSize(e), 0);
  return 0;
}

function numberSize(n: string): number {
  const digits = n.replace(/^[-+]/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.min(21, Math.ceil(Math.max(1, digits.length) / 2) + 1);
}

export function itemSize(item: Record<string, AttributeValue> | undefined): number {
  if (!item) return 0;
  return Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k, 'utf8') + attributeValueSize(v), 0);
}

/** Write units for an item of this size: one per started KB, at least one; doubled in a transaction. */
export const writeUnits = (bytes: number, transactional: boolean): number =>
  Math.max(1, Math.ceil(bytes / 1024)) * (transactional ? 2 : 1);

/** Read units for this many bytes read: one per started 4 KB, half for eventually consistent reads, double in a transaction. */
export const readUnits = (bytes: number, consistency: 'eventual' | 'strong' | 'transactional'): number => {
  const blocks = Math.max(1, Math.ceil(bytes / 4096));
  return consistency === 'eventual' ? blocks / 2 : consistency === 'strong' ? blocks : blocks * 2;
};
