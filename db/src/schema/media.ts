import { index, int, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref } from '../columns';

/** The image types the media store accepts, recognised by their first bytes (never by a name or a header). */
export const mediaMimes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type MediaMime = (typeof mediaMimes)[number];

/**
 * An uploaded file in the media store (bff/src/media: local disk in dev, S3-compatible storage in
 * production). The bytes live in the store under `storage_key`; this row says whose they are, so
 * a record can attach only its uploader's files. Generic on purpose: after-sale photos today,
 * head office's product images later.
 */
export const media = mysqlTable(
  'media',
  {
    id: id(),
    /** The store's key (random, with the type's extension): also the last part of the public URL. */
    storageKey: varchar('storage_key', { length: 96 }).notNull(),
    /** The member who uploaded it (staff are members too). */
    ownerMemberId: ref('owner_member_id').notNull(),
    mime: varchar('mime', { length: 32 }).$type<MediaMime>().notNull(),
    sizeBytes: int('size_bytes').notNull(),
    /** What it was uploaded for (after_sale …): lets a later cleanup find files nothing uses. */
    purpose: varchar('purpose', { length: 32 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // GET /media/<key>: the public path names the key
    uniqueIndex('media_storage_key_uq').on(t.storageKey),
    // attaching photos: the uploader's own files by id
    index('media_owner_idx').on(t.ownerMemberId, t.id),
  ],
);
