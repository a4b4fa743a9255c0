/**
 * Transactions that check a rule and then write (per-user limits, "already in this group",
 * group success) run at READ COMMITTED: once they hold the row lock that serialises them, every
 * plain read sees what the previous holder committed. Under MariaDB's default REPEATABLE READ a
 * read would answer from the snapshot taken before the lock was granted, and miss it.
 */
export const READ_COMMITTED = { isolationLevel: 'read committed' } as const;
