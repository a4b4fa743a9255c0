import { decimal, json, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, updatedAt } from '../columns';

/** Opening hours per weekday (0 = Sunday … 6), local Asia/Shanghai times "HH:mm". */
export type OpeningHours = { weekday: number; open: string; close: string }[];

export const stores = mysqlTable(
  'stores',
  {
    id: id(),
    code: varchar('code', { length: 32 }).notNull(),
    name: varchar('name', { length: 64 }).notNull(),
    city: varchar('city', { length: 32 }).notNull(),
    district: varchar('district', { length: 32 }).notNull(),
    address: varchar('address', { length: 255 }).notNull(),
    phone: varchar('phone', { length: 32 }).notNull(),
    /** GCJ-02 (the datum of wx.getLocation({ type: 'gcj02' }) and Tencent Maps), like the customer's position. */
    lat: decimal('lat', { precision: 9, scale: 6, mode: 'number' }).notNull(),
    lng: decimal('lng', { precision: 9, scale: 6, mode: 'number' }).notNull(),
    openingHours: json('opening_hours').$type<OpeningHours>().notNull(),
    status: mysqlEnum('status', ['open', 'closed']).notNull().default('open'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // seed / admin lookups by business code
    uniqueIndex('stores_code_uq').on(t.code),
  ],
);
