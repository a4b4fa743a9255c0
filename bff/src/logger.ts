import pino from 'pino';

export type Logger = pino.Logger;

/**
 * The process logger: JSON lines on stdout. In production (`async: true`) lines are buffered and
 * written off the request path (pino's sonic-boom destination, flushed on exit), so a slow stdout
 * or log shipper does not stall the event loop; dev and tests write synchronously.
 */
export function createLogger(level: string, options: { async?: boolean } = {}): Logger {
  const settings: pino.LoggerOptions = {
    level,
    base: { service: 'bff', pid: process.pid },
    // Never log credentials that pass through requests or WeChat calls.
    redact: ['req.headers.authorization', '*.secret', '*.session_key', '*.access_token'],
  };
  if (!options.async) return pino(settings);
  // Lines are written in 4 KiB batches (one write per ~15 access-log lines, not one each), and at
  // least every second, so a quiet process still shows its lines promptly.
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => destination.flush(), 1_000).unref();
  return pino(settings, destination);
}
