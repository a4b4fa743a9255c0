import type { MediaMime } from '@shop/db';

/**
 * The image type of some bytes by their signature (magic bytes), never by the file name or the
 * Content-Type a client sent: a text file renamed .png is not a PNG. JPEG, PNG and WebP only.
 *
 *   JPEG  FF D8 FF
 *   PNG   89 50 4E 47 0D 0A 1A 0A
 *   WebP  "RIFF" <4-byte size> "WEBP"
 */
export function sniffImage(bytes: Uint8Array): MediaMime | null {
  const starts = (sig: number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}
