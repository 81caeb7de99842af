import jsQR from 'jsqr';

/**
 * Reads QR codes from the camera: BarcodeDetector where the browser has one (Android, macOS, ChromeOS),
 * else jsQR on video frames drawn to a canvas. A photo (or an image file) goes the same way.
 */
interface Detector {
  detect(source: CanvasImageSource | ImageBitmap): Promise<Array<{ rawValue: string }>>;
}

type DetectorClass = { new (o: { formats: string[] }): Detector; getSupportedFormats?(): Promise<string[]> };

let native: Promise<Detector | null> | null = null;

/** Some browsers expose BarcodeDetector without a QR backend (desktop Linux): then jsQR does the work. */
function nativeDetector(): Promise<Detector | null> {
  native ??= (async () => {
    const Ctor = (window as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
    if (!Ctor) return null;
    const formats = await Promise.race([
      Ctor.getSupportedFormats?.() ?? Promise.resolve([]),
      new Promise<string[]>((resolve) => setTimeout(() => resolve([]), 500)),
    ]).catch((): string[] => []);
    return formats.includes('qr_code') ? new Ctor({ formats: ['qr_code'] }) : null;
  })();
  return native;
}

function decodeWithJsQr(source: CanvasImageSource, width: number, height: number): string | null {
  if (width === 0 || height === 0) return null;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d', { willReadFrequently: true });
  if (!g) return null;
  g.drawImage(source, 0, 0, width, height);
  const { data } = g.getImageData(0, 0, width, height);
  return jsQR(data, width, height)?.data ?? null;
}

async function decode(source: HTMLVideoElement | ImageBitmap, width: number, height: number): Promise<string | null> {
  const detector = await nativeDetector();
  if (detector) {
    const found = await detector.detect(source).catch(() => []);
    if (found[0]) return found[0].rawValue;
  }
  return decodeWithJsQr(source, width, height);
}

/** The QR code in an image file, or null. */
export async function decodeImageFile(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    return await decode(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

export interface CameraScan {
  stop(): void;
}

/** Starts the rear camera in `video` and calls `found` once per code seen (the same code not twice in a row). */
export async function scanCamera(video: HTMLVideoElement, found: (code: string) => void): Promise<CameraScan> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  video.srcObject = stream;
  video.setAttribute('playsinline', '');
  await video.play();
  let running = true;
  let last = '';
  const tick = async () => {
    if (!running) return;
    const code = await decode(video, video.videoWidth, video.videoHeight);
    if (code && code !== last) {
      last = code;
      found(code);
    }
    setTimeout(() => void tick(), 250);
  };
  void tick();
  return {
    stop() {
      running = false;
      for (const track of stream.getTracks()) track.stop();
      video.srcObject = null;
    },
  };
}
