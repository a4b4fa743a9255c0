import { create } from 'qrcode/lib/core/qrcode';
import { encodeBitmapPng, toBase64 } from './png';

export interface QrImageOptions {
  /** The picture is at least this many pixels wide, so it stays sharp when scaled down. */
  minPixels?: number;
  /** Light border around the code, in modules. */
  margin?: number;
}

/**
 * A QR code for `text` as a `data:image/png` URL for an `Image`: the `qrcode` package encodes,
 * `png.ts` draws. Error correction M, as payment and member codes use.
 */
export function qrDataUrl(text: string, { minPixels = 480, margin = 2 }: QrImageOptions = {}): string {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const cells = modules.size + margin * 2;
  const scale = Math.ceil(minPixels / cells);
  const pixels = cells * scale;
  const png = encodeBitmapPng(pixels, pixels, (x, y) => {
    const col = Math.floor(x / scale) - margin;
    const row = Math.floor(y / scale) - margin;
    const inside = col >= 0 && row >= 0 && col < modules.size && row < modules.size;
    return inside && modules.get(row, col) !== 0;
  });
  return `data:image/png;base64,${toBase64(png)}`;
}
