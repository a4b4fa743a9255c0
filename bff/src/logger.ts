import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'bff' },
    // Never log credentials that pass through requests or WeChat calls.
    redact: ['req.headers.authorization', '*.secret', '*.session_key', '*.access_token'],
  });
}
