import { crc32, inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrPng } from '../../shared/domain/email/qr-png';

interface Chunk {
  type: string;
  data: Buffer;
  crcOk: boolean;
}

function chunksOf(png: Buffer): Chunk[] {
  const chunks: Chunk[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const typeAndData = png.subarray(at + 4, at + 8 + length);
    chunks.push({
      type: typeAndData.subarray(0, 4).toString('ascii'),
      data: typeAndData.subarray(4),
      crcOk: crc32(typeAndData) === png.readUInt32BE(at + 8 + length),
    });
    at += 12 + length;
  }
  return chunks;
}

/** RGBA pixels of a 1-bit greyscale, unfiltered PNG, as jsQR reads them. */
function pixels(png: Buffer): { width: number; height: number; rgba: Uint8ClampedArray } {
  const chunks = chunksOf(png);
  const header = chunks.find((c) => c.type === 'IHDR')?.data as Buffer;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const rowBytes = Math.ceil(width / 8);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (rowBytes + 1)]).toBe(0);
    for (let x = 0; x < width; x++) {
      const bit = ((raw[y * (rowBytes + 1) + 1 + (x >> 3)] as number) >> (7 - (x & 7))) & 1;
      rgba.fill(bit ? 255 : 0, (y * width + x) * 4, (y * width + x) * 4 + 3);
      rgba[(y * width + x) * 4 + 3] = 255;
    }
  }
  return { width, height, rgba };
}

describe('the check-in QR as PNG', () => {
  const code = '0b8c4a52-6a8e-4f7e-9d0a-3c2f1e5d7b90.abcdefghijkl';

  it('is a well-formed PNG: signature, 1-bit greyscale header, every chunk with its CRC', () => {
    const png = qrPng(code);

    const chunks = chunksOf(png);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    expect([...(chunks[0]?.data.subarray(8) ?? [])]).toEqual([1, 0, 0, 0, 0]);
  });

  it('decodes back to the code, with a white quiet zone around it', () => {
    const { width, height, rgba } = pixels(qrPng(code));

    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(300);
    expect(jsQR(rgba, width, height)?.data).toBe(code);
    const firstRow = rgba.subarray(0, width * 4);
    expect(firstRow.every((v) => v === 255)).toBe(true);
  });

  it('gives a different image for a different code', () => {
    expect(qrPng(code).equals(qrPng(`${code.slice(0, -1)}m`))).toBe(false);
  });
});
