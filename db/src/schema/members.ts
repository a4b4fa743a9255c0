import { date, index, int, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, fenTotal, id, updatedAt, utc } from '../columns';

/** A customer, identified by WeChat openid; the same identity is used at the till. */
export const members = mysqlTable(
  'members',
  {
    id: id(),
    openid: varchar('openid', { length: 64 }).notNull(),
    unionid: varchar('unionid', { length: 64 }),
    nickname: varchar('nickname', { length: 64 }).notNull().default(''),
    avatarUrl: varchar('avatar_url', { length: 512 }).notNull().default(''),
    phone: varchar('phone', { length: 20 }),
    /** Asia/Shanghai calendar date; may be set once by the member. */
    birthday: date('birthday', { mode: 'string' }),
    tierCode: varchar('tier_code', { length: 16 }).notNull().default('normal'),
    /** 累计消费: paid spend net of refunds, drives the tier. */
    totalSpentFen: fenTotal('total_spent_fen').notNull().default(0),
    pointsBalance: int('points_balance').notNull().default(0),
    lastLoginAt: utc('last_login_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // login: upsert by openid
    uniqueIndex('members_openid_uq').on(t.openid),
    // cross-app identity (公众号/小程序 under one open platform account)
    index('members_unionid_idx').on(t.unionid),
    // staff looks a member up by phone at the till
    index('members_phone_idx').on(t.phone),
    // birthday coupon job: members whose birthday is today
    index('members_birthday_idx').on(t.birthday),
  ],
);
