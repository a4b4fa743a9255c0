import { readFile, rm } from 'node:fs/promises';
import formidable, { errors as formidableErrors } from 'formidable';
import type { DbOrTx } from '@shop/db';
import type { AppDeps } from '../../deps';
import { errors } from '../../http/errors';
import { sniffImage } from '../../media';
import type { AppContext } from '../../http/context';
import { findMediaByKey, insertMedia, mediaByIds, ownedMedia, type MediaRow } from './queries';
import { mediaPurposes, type MediaPurpose } from './schema';

type Deps = Pick<AppDeps, 'db' | 'config' | 'media'>;

export type MediaView = { id: number; url: string; mime: MediaRow['mime']; sizeBytes: number };

/** Room for the form's other fields and multipart boundaries on top of the file itself. */
const FORM_OVERHEAD_BYTES = 16 * 1024;

/**
 * POST /api/media: one image in a multipart form (field `file`), parsed by formidable with a limit
 * of its own (MEDIA_MAX_BYTES; the app's JSON limit is 64 KB and does not read multipart bodies).
 * The type is decided by the bytes (JPEG / PNG / WebP), never by the name or the part's header;
 * the file then goes to the media store and its row records the uploader, the only member who
 * may attach it. No transaction: the row is written after the bytes are stored, so a row always
 * has its file (a file whose row failed is an orphan a cleanup can remove).
 */
export async function uploadMedia(deps: Deps, ctx: AppContext, memberId: number): Promise<MediaView> {
  if (!ctx.is('multipart/form-data')) throw errors.validation('请以 multipart/form-data 上传图片（字段 file）');
  const maxBytes = deps.config.media.maxBytes;
  const form = formidable({
    maxFiles: 1,
    maxFileSize: maxBytes,
    maxTotalFileSize: maxBytes,
    maxFields: 5,
    maxFieldsSize: FORM_OVERHEAD_BYTES,
    allowEmptyFiles: false,
  });
  let parsed: [formidable.Fields, formidable.Files];
  try {
    parsed = await form.parse(ctx.req);
  } catch (err) {
    throw uploadError(err, maxBytes);
  }
  const [fields, files] = parsed;
  const uploaded = Object.values(files).flatMap((list) => list ?? []);
  try {
    const file = files.file?.[0];
    if (!file || uploaded.length !== 1) throw errors.validation('请选择一张图片（字段 file）');
    const purpose = fields.purpose?.[0] ?? 'after_sale';
    if (!(mediaPurposes as readonly string[]).includes(purpose)) throw errors.validation('图片用途不正确');
    const bytes = await readFile(file.filepath);
    const mime = sniffImage(bytes);
    if (!mime) throw errors.rule('MEDIA_TYPE_NOT_ALLOWED', '仅支持 JPG、PNG、WebP 格式的图片');
    const stored = await deps.media.put(bytes, mime);
    const id = await insertMedia(deps.db, {
      storageKey: stored.key,
      ownerMemberId: memberId,
      mime,
      sizeBytes: bytes.length,
      purpose: purpose as MediaPurpose,
    });
    return { id, url: stored.url, mime, sizeBytes: bytes.length };
  } finally {
    await Promise.all(uploaded.map((f) => rm(f.filepath, { force: true })));
  }
}

function uploadError(err: unknown, maxBytes: number): Error {
  const code = (err as { code?: number }).code;
  const tooBig = [
    formidableErrors.biggerThanMaxFileSize,
    formidableErrors.biggerThanTotalMaxFileSize,
    formidableErrors.maxFieldsSizeExceeded,
  ];
  if (code !== undefined && tooBig.includes(code)) {
    return Object.assign(new Error(`upload over ${maxBytes} bytes`), { status: 413, expose: true });
  }
  if (code === formidableErrors.maxFilesExceeded) return errors.validation('一次只能上传一张图片');
  if (code === formidableErrors.smallerThanMinFileSize) return errors.validation('图片内容为空');
  return errors.validation('上传内容格式不正确');
}

/**
 * The uploader's own media among `ids`, in the order asked; any id that is not theirs (someone
 * else's, or none at all) is 422 MEDIA_NOT_YOURS, telling nothing about whose it is.
 */
export async function ownMedia(db: DbOrTx, memberId: number, ids: number[]): Promise<MediaRow[]> {
  const rows = await ownedMedia(db, memberId, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) throw errors.rule('MEDIA_NOT_YOURS', '图片不存在或不是你上传的，请重新上传');
  return ids.map((id) => byId.get(id)!);
}

/** Public URLs of media rows by id (for views). */
export async function mediaUrls(deps: Pick<Deps, 'db' | 'media'>, ids: number[]): Promise<Map<number, string>> {
  const rows = await mediaByIds(deps.db, ids);
  return new Map(rows.map((r) => [r.id, deps.media.url(r.storageKey)]));
}

/** GET /media/:key: the bytes of a stored file, for anyone holding its (unguessable) URL. */
export async function readMedia(deps: Pick<Deps, 'db' | 'media'>, key: string) {
  const row = await findMediaByKey(deps.db, key);
  if (!row) return null;
  return deps.media.get(row.storageKey);
}
