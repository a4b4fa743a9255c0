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
  return pino(settings, pino.destination({ dest: 1, sync: false, minLength: 4096 }));
}
