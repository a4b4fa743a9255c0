import { bodyParser } from '@koa/bodyparser';

/**
 * Largest JSON body we read. Our biggest requests (a 50-line order, a coupon template with 500
 * ids) are a few KB; anything past this is 413 PAYLOAD_TOO_LARGE before it is parsed.
 */
export const JSON_BODY_LIMIT = '64kb';

/**
 * JSON body parsing. Parse failures (co-body marks them 400/413/415 but not `expose`) are
 * client errors: mark them so the error middleware answers with our code instead of a 500.
 * The raw body stays on ctx.request.rawBody for signature checks (WeChat Pay notifications).
 */
export function jsonBody() {
  return bodyParser({
    enableTypes: ['json'],
    jsonLimit: JSON_BODY_LIMIT,
    encoding: 'utf-8',
    onError: (err) => {
      const status = (err as { status?: number }).status;
      if (typeof status === 'number' && status >= 400 && status < 500) Object.assign(err, { expose: true });
      throw err;
    },
  });
}
