/**
 * The bench's yardstick: a bare Koa + @koa/router app answering a small JSON document, run as its
 * own process like the BFF. Every ratio in the bench is ours ÷ this, measured in the same run on
 * the same box, so a slower machine or a noisy neighbour moves both.
 */
import http from 'node:http';
import Router from '@koa/router';
import Koa from 'koa';

const app = new Koa();
const router = new Router();
router.get('/hello', (ctx) => {
  ctx.body = { hello: 'world', n: 1 };
});
router.post('/hello', (ctx) => {
  ctx.body = { hello: 'world', n: 2 };
});
app.use(router.routes()).use(router.allowedMethods());

const port = Number(process.env.PORT ?? 0);
const server = http.createServer(app.callback());
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`yardstick listening on ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
