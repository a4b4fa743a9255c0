import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MediaMime } from '@shop/db';
import { EXTENSION_OF, mimeOfKey, type MediaStore } from './port';

/**
 * The local-disk adapter: one file per key in `dir` (MEDIA_DIR, `.data/media` in dev; a per-test
 * temp folder in tests), served by the BFF itself at `publicBase/<key>` (GET /media/:key).
 * Writes go to a temporary name first and are renamed, so a reader never sees half a file.
 */
export function createLocalMediaStore(options: { dir: string; publicBase: string }): MediaStore {
  const { dir } = options;
  const publicBase = options.publicBase.replace(/\/$/, '');
  let ready: Promise<unknown> | undefined;
  const url = (key: string) => `${publicBase}/${key}`;
  return {
    url,
    async put(bytes: Buffer, mime: MediaMime) {
      ready ??= mkdir(dir, { recursive: true });
      await ready;
      const key = `${randomBytes(16).toString('hex')}.${EXTENSION_OF[mime]}`;
      const temporary = path.join(dir, `.${key}.${process.pid}.tmp`);
      await writeFile(temporary, bytes, { flag: 'wx' });
      await rename(temporary, path.join(dir, key));
      return { key, url: url(key) };
    },
    async get(key: string) {
      const mime = mimeOfKey(key);
      if (!mime) return null;
      try {
        return { bytes: await readFile(path.join(dir, key)), mime };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
  };
}
