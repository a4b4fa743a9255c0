import { bodyParser } from '@koa/bodyparser';

/**
 * JSON body parsing. Parse failures (co-body marks them 400/413/415 but not `expose`) are
 * client errors: mark them so the error middleware answers with our code instead of a 500.
 * The raw body stays on ctx.request.rawBody for signature checks (WeChat Pay notifications).
 */
export function jsonBody() {
  return bodyParser({
    enableTypes: ['json'],
    jsonLimit: '256kb',
    encoding: 'utf-8',
    onError: (err) => {
      const status = (err as { status?: number }).status;
      if (typeof status === 'number' && status >= 400 && status < 500) Object.assign(err, { expose: true });
      throw err;
    },
  });
}
