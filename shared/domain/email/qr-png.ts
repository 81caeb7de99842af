import { crc32, deflateSync } from 'node:zlib';
import { create } from 'qrcode/lib/core/qrcode';

/**
 * The check-in code as a PNG for mails: qrcode's encoder gives the module matrix (error correction M)
 * and the image is written here, black and white at one bit per pixel, with zlib, which Node has
 * anyway, instead of the package's renderer and the PNG library it brings.
 */

/** Pixels per module and the quiet zone of four modules the standard asks for. */
const SCALE = 10;
const QUIET_ZONE = 4;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

export function qrPng(text: string): Buffer {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const side = (modules.size + 2 * QUIET_ZONE) * SCALE;
  const rowBytes = Math.ceil(side / 8);
  // Each scanline: filter type 0 (none), then the pixels, 1 = white in 1-bit greyscale.
  const raw = Buffer.alloc((rowBytes + 1) * side, 0xff);
  for (let y = 0; y < side; y++) {
    const row = y * (rowBytes + 1);
    raw[row] = 0;
    const my = Math.floor(y / SCALE) - QUIET_ZONE;
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / SCALE) - QUIET_ZONE;
      const dark = mx >= 0 && my >= 0 && mx < modules.size && my < modules.size && modules.get(mx, my);
      if (dark) raw[row + 1 + (x >> 3)] = (raw[row + 1 + (x >> 3)] as number) & ~(0x80 >> (x & 7));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
