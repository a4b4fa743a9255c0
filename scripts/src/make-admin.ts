/**
 * `npm run make-admin -- <openid>`: makes a member head-office admin (the one role the API
 * cannot grant). Uses DATABASE_URL, or the local dev database when it is unset.
 */
import { eq } from 'drizzle-orm';
import { createDatabase, members, staff } from '@shop/db';

async function main(): Promise<void> {
  const openid = process.argv[2];
  if (!openid) throw new Error('usage: npm run make-admin -- <openid>');
  const database = createDatabase(process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3307/shop', { connectionLimit: 1 });
  try {
    const [member] = await database.db.select({ id: members.id }).from(members).where(eq(members.openid, openid));
    if (!member) throw new Error(`no member with openid ${openid}: they must log in once first`);
    await database.db
      .insert(staff)
      .values({ memberId: member.id, storeId: null, role: 'admin' })
      .onDuplicateKeyUpdate({ set: { storeId: null, role: 'admin', status: 'active' } });
    console.log(`member ${member.id} (${openid}) is now admin`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
