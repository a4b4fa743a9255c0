import type { MediaMime } from '@shop/db';

/**
 * The media store (docs/operations.md#media): where uploaded files' bytes live. Generic on
 * purpose — after-sale photos today, head office's product images later. Who owns a file is the
 * `media` table's business (modules/media), not the store's.
 *
 * Adapters: `local.ts` (a folder on disk: dev, tests, a single-box install) and an S3-compatible
 * one for production, documented in docs/operations.md but not built yet. Only the adapter knows
 * where bytes go; callers keep the key.
 */
export type MediaStore = {
  /** Stores the bytes under a new random key (with the type's extension) and says where the public can read them. */
  put(bytes: Buffer, mime: MediaMime): Promise<{ key: string; url: string }>;
  /** The bytes of a key, or null when the store has no such file (or the key is malformed). */
  get(key: string): Promise<{ bytes: Buffer; mime: MediaMime } | null>;
  /** The public URL of a key. */
  url(key: string): string;
};

export const EXTENSION_OF: Record<MediaMime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** Keys are 32 hex characters and an extension the store wrote: nothing else is ever looked up. */
export const MEDIA_KEY = /^[0-9a-f]{32}\.(jpg|png|webp)$/;

export function mimeOfKey(key: string): MediaMime | null {
  const ext = MEDIA_KEY.exec(key)?.[1];
  const found = Object.entries(EXTENSION_OF).find(([, e]) => e === ext);
  return found ? (found[0] as MediaMime) : null;
}
