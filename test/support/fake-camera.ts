import { inflateSync } from 'node:zlib';

/**
 * A camera picture for Chromium's fake capture device (`--use-file-for-fake-video-capture`): a
 * PNG (the QR code a mail carries) decoded here and written as one YUV4MPEG2 frame, I420, the
 * image centred and scaled up on white as a phone held in front of a printout would see it.
 */

interface Rgba {
  width: number;
  height: number;
  /** Four bytes a pixel. */
  data: Uint8Array;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * The PNGs we meet here: not interlaced, 8 bits a channel in any colour type, or 1, 2 or 4 bits a
 * pixel in greyscale or palette (the QR codes in our mails are 1-bit). Anything else is refused.
 */
export function decodePng(png: Buffer): Rgba {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let colourType = 0;
  let depth = 8;
  let palette: Buffer = Buffer.alloc(0);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      depth = body[8] as number;
      colourType = body[9] as number;
      if (body[12] !== 0) throw new Error('only non-interlaced PNGs');
      if (depth !== 8 && !(depth < 8 && (colourType === 0 || colourType === 3) && 8 % depth === 0)) {
        throw new Error(`PNG bit depth ${depth} in colour type ${colourType}`);
      }
    } else if (type === 'PLTE') palette = body;
    else if (type === 'IDAT') idat.push(body);
    at += 12 + length;
  }
  const channels = CHANNELS[colourType];
  if (!channels) throw new Error(`PNG colour type ${colourType}`);
  const raw = inflateSync(Buffer.concat(idat));
  // Filters work on bytes: a whole pixel at 8 bits, one byte (several pixels) below that.
  const stride = depth === 8 ? width * channels : Math.ceil((width * depth) / 8);
  const bpp = depth === 8 ? channels : 1;
  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= bpp ? (rows[y * stride + x - bpp] as number) : 0;
      const up = y > 0 ? (rows[(y - 1) * stride + x] as number) : 0;
      const corner = y > 0 && x >= bpp ? (rows[(y - 1) * stride + x - bpp] as number) : 0;
      const p = left + up - corner;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - corner)];
      const paeth = pa <= pb && pa <= pc ? left : pb <= pc ? up : corner;
      const predictor = [0, left, up, (left + up) >> 1, paeth][filter as number];
      if (predictor === undefined) throw new Error(`PNG filter ${filter}`);
      rows[y * stride + x] = ((line[x] as number) + predictor) & 0xff;
    }
  }
  const samples = depth === 8 ? rows : unpack(rows, width, height, stride, depth, colourType === 0);
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const px = samples.subarray(i * channels, (i + 1) * channels);
    const rgba =
      colourType === 3
        ? [...palette.subarray((px[0] as number) * 3, (px[0] as number) * 3 + 3), 255]
        : colourType === 0
          ? [px[0], px[0], px[0], 255]
          : colourType === 4
            ? [px[0], px[0], px[0], px[1]]
            : colourType === 2
              ? [px[0], px[1], px[2], 255]
              : [...px];
    data.set(rgba as number[], i * 4);
  }
  return { width, height, data };
}

/** Samples below 8 bits, one a byte; greyscale scaled up to 0–255, palette indexes kept. */
function unpack(rows: Buffer, width: number, height: number, stride: number, depth: number, grey: boolean): Buffer {
  const out = Buffer.alloc(width * height);
  const max = (1 << depth) - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const bit = x * depth;
      const byte = rows[y * stride + (bit >> 3)] as number;
      const value = (byte >> (8 - depth - (bit & 7))) & max;
      out[y * width + x] = grey ? Math.round((value * 255) / max) : value;
    }
  }
  return out;
}

/** One I420 frame of `width`×`height` with the image centred, scaled by a whole factor, on white. */
export function y4mFrame(image: Rgba, width = 640, height = 480): Buffer {
  const scale = Math.max(1, Math.floor((Math.min(width, height) * 0.8) / Math.max(image.width, image.height)));
  const left = Math.floor((width - image.width * scale) / 2);
  const top = Math.floor((height - image.height * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < image.height * scale; y++) {
    for (let x = 0; x < image.width * scale; x++) {
      const i = (Math.floor(y / scale) * image.width + Math.floor(x / scale)) * 4;
      const [r, g, b, a] = [0, 1, 2, 3].map((k) => image.data[i + k] as number) as [number, number, number, number];
      // BT.601 studio range, the image composed over white.
      const over = (c: number) => (c * a + 255 * (255 - a)) / 255;
      luma[(top + y) * width + left + x] = Math.round(
        16 + (65.481 * over(r) + 128.553 * over(g) + 24.966 * over(b)) / 255,
      );
    }
  }
  // Grey chroma: the picture is black and white.
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  return Buffer.concat([
    Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`, 'latin1'),
    Buffer.from('FRAME\n', 'latin1'),
    luma,
    chroma,
  ]);
}
