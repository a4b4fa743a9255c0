import { and, eq, inArray } from 'drizzle-orm';
import { media, type DbOrTx, type MediaMime } from '@shop/db';

export type MediaRow = typeof media.$inferSelect;

export async function insertMedia(
  db: DbOrTx,
  row: { storageKey: string; ownerMemberId: number; mime: MediaMime; sizeBytes: number; purpose: string },
): Promise<number> {
  const [inserted] = await db.insert(media).values(row);
  return inserted.insertId;
}

/** The rows of `ids` that `ownerMemberId` uploaded (media_owner_idx). */
export async function ownedMedia(db: DbOrTx, ownerMemberId: number, ids: number[]): Promise<MediaRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(media)
    .where(and(eq(media.ownerMemberId, ownerMemberId), inArray(media.id, ids)));
}

export async function mediaByIds(db: DbOrTx, ids: number[]): Promise<MediaRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(media).where(inArray(media.id, ids));
}

export async function findMediaByKey(db: DbOrTx, storageKey: string): Promise<MediaRow | undefined> {
  const [row] = await db.select().from(media).where(eq(media.storageKey, storageKey)).limit(1);
  return row;
}
