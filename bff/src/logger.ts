import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Fields that hold credentials wherever they appear in a log line (one level deep, and request or
 * response headers): session tokens and the Authorization header, cookies, WeChat's session_key,
 * access_token and wx.login code, and the app's and merchant's secrets. Codes people show or type
 * (pickup, member and coupon codes) never go into log fields at all; bff/test/logging/ checks a whole
 * journey's lines for every one of them.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  'authorization',
  '*.authorization',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'appSecret',
  '*.appSecret',
  'sessionKey',
  '*.sessionKey',
  'session_key',
  '*.session_key',
  'access_token',
  '*.access_token',
  'js_code',
  '*.js_code',
  'apiV3Key',
  '*.apiV3Key',
  'merchantPrivateKey',
  '*.merchantPrivateKey',
];

export type LoggerOptions = {
  /** Buffered, off the request path (production). */
  async?: boolean;
  /** Where lines go instead of stdout: tests capture them to check what is logged. */
  destination?: pino.DestinationStream;
};

/**
 * The process logger: JSON lines on stdout. In production (`async: true`) lines are buffered and
 * written off the request path (pino's sonic-boom destination, flushed on exit), so a slow stdout
 * or log shipper does not stall the event loop; dev and tests write synchronously.
 */
export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const settings: pino.LoggerOptions = {
    level,
    base: { service: 'bff', pid: process.pid },
    // Never log credentials that pass through requests or WeChat calls.
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (options.destination) return pino(settings, options.destination);
  if (!options.async) return pino(settings);
  // Lines are written in 4 KiB batches (one write per ~15 access-log lines, not one each), and at
  // least every second, so a quiet process still shows its lines promptly.
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => destination.flush(), 1_000).unref();
  return pino(settings, destination);
}
