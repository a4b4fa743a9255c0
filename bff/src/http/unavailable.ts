import { ClientClosedError, ClientOfflineError, ConnectionTimeoutError, SocketClosedUnexpectedlyError, SocketTimeoutError } from 'redis';

/**
 * Is this error "MariaDB or Redis cannot be reached right now" rather than a bug? Such a request
 * answers 503 SERVICE_UNAVAILABLE (a retry later will do), not 500. Its transaction never
 * committed: a connection that died mid-transaction is rolled back by MariaDB. The pools need no
 * reset: mysql2 drops a connection that failed fatally and opens a new one for the next request,
 * and node-redis reconnects by itself (redis.ts). docs/decisions/0012-durability-and-backups.md.
 *
 * drizzle wraps the driver's error (`cause`), so the chain is followed a few links down.
 */
export function isBackendUnavailable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (isConnectionFailure(current)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** mysql2's codes for a server that is down, restarting, full or gone mid-query. */
const MYSQL_CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_CONNECTION_KILLED',
  'ER_NORMAL_SHUTDOWN',
]);

/** node-redis: closed, offline (commands fail fast while reconnecting, redis.ts), timed out, or the socket died. */
const REDIS_CONNECTION_ERRORS = [
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
];

function isConnectionFailure(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  if (REDIS_CONNECTION_ERRORS.some((type) => err instanceof type)) return true;
  const { code, fatal, message } = err as { code?: unknown; fatal?: unknown; message?: unknown };
  if (typeof code === 'string' && MYSQL_CONNECTION_CODES.has(code)) return true;
  // mysql2 marks an error that killed its connection as fatal ("Can't add new command when connection is in closed state").
  if (fatal === true) return true;
  // Redis answering while it loads its data after a restart.
  return typeof message === 'string' && message.startsWith('LOADING ');
}
