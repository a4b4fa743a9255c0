import { index, json, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, updatedAt } from '../columns';

export const staffRoles = ['clerk', 'manager', 'admin'] as const;

/** A member account bound to a store with a role; admins (head office) have no store. */
export const staff = mysqlTable(
  'staff',
  {
    id: id(),
    memberId: ref('member_id').notNull(),
    storeId: ref('store_id'),
    role: mysqlEnum('role', staffRoles).notNull(),
    status: mysqlEnum('status', ['active', 'disabled']).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // login response: is this member staff, and where
    uniqueIndex('staff_member_uq').on(t.memberId),
    // manager views: staff of my store
    index('staff_store_idx').on(t.storeId),
  ],
);

/** Who did what, where, from which device: pickups, till sales, adjustments, approvals. */
export const staffAuditLog = mysqlTable(
  'staff_audit_log',
  {
    id: id(),
    staffId: ref('staff_id').notNull(),
    storeId: ref('store_id'),
    action: varchar('action', { length: 48 }).notNull(),
    targetType: varchar('target_type', { length: 32 }).notNull(),
    targetId: varchar('target_id', { length: 64 }).notNull(),
    detail: json('detail').$type<Record<string, unknown>>(),
    userAgent: varchar('user_agent', { length: 255 }),
    ip: varchar('ip', { length: 64 }),
    createdAt: createdAt(),
  },
  (t) => [
    // manager audit view: a store's actions, newest first
    index('staff_audit_store_idx').on(t.storeId, t.createdAt),
    // "what happened to this order"
    index('staff_audit_target_idx').on(t.targetType, t.targetId),
  ],
);
