import Router from '@koa/router';
import Koa from 'koa';
import request from 'supertest';
import { z } from 'zod';
import { jsonBody } from '../../src/http/body';
import { errorMiddleware, toResponse } from '../../src/http/error-middleware';
import { AppError, errors } from '../../src/http/errors';
import type { AppState } from '../../src/http/context';
import { requestContext } from '../../src/http/request-context';
import { createLogger } from '../../src/logger';

describe('toResponse maps every kind of error to a status and a { code, message } body', () => {
  const zodError = (() => {
    try {
      z.object({ qty: z.number().int().positive() }).parse({ qty: 0 });
    } catch (err) {
      return err;
    }
    throw new Error('expected zod to throw');
  })();

  const writtenRule = (() => {
    try {
      z.object({ qty: z.number().int().positive('数量至少为 1') }).parse({ qty: 0 });
    } catch (err) {
      return err;
    }
    throw new Error('expected zod to throw');
  })();

  it.each([
    ['validation', errors.validation(), 400, 'VALIDATION_FAILED', '请求参数不正确'],
    ['unauthenticated', errors.unauthenticated(), 401, 'UNAUTHENTICATED', '请先登录'],
    ['forbidden', errors.forbidden(), 403, 'FORBIDDEN', '没有权限进行此操作'],
    ['not found', errors.notFound('ORDER_NOT_FOUND', '订单不存在'), 404, 'ORDER_NOT_FOUND', '订单不存在'],
    ['conflict', errors.conflict('ORDER_STATE_CONFLICT', '订单状态已变化'), 409, 'ORDER_STATE_CONFLICT', '订单状态已变化'],
    ['business rule', errors.rule('OUT_OF_STOCK', '库存不足'), 422, 'OUT_OF_STOCK', '库存不足'],
    ['rate limited', errors.rateLimited(), 429, 'RATE_LIMITED', '操作太频繁，请稍后再试'],
    ['unavailable', new AppError('unavailable', 'WECHAT_UNAVAILABLE', '微信服务暂不可用'), 503, 'WECHAT_UNAVAILABLE', '微信服务暂不可用'],
    ['zod', zodError, 400, 'VALIDATION_FAILED', '请求参数不正确'],
    ['zod with a rule written for users', writtenRule, 400, 'VALIDATION_FAILED', '数量至少为 1'],
    ['exposed http 413', Object.assign(new Error('too large'), { status: 413, expose: true }), 413, 'PAYLOAD_TOO_LARGE', '请求内容过大'],
    [
      'unexposed http 400',
      Object.assign(new Error('secret detail'), { status: 400, expose: false }),
      500,
      'INTERNAL_ERROR',
      '服务繁忙，请稍后再试',
    ],
    ['plain Error', new Error('ER_DUP_ENTRY: secret table name'), 500, 'INTERNAL_ERROR', '服务繁忙，请稍后再试'],
    ['thrown string', 'boom', 500, 'INTERNAL_ERROR', '服务繁忙，请稍后再试'],
  ])('%s', (_name, err, status, code, message) => {
    const response = toResponse(err);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ code, message });
    expect(JSON.stringify(response.body)).not.toContain('secret');
  });

  it('lists the failing fields of a zod error', () => {
    expect(toResponse(zodError).body.details).toEqual([expect.objectContaining({ path: 'qty' })]);
  });
});

describe('error middleware over HTTP', () => {
  const app = new Koa<AppState>();
  app.use(requestContext(createLogger('silent')));
  app.use(errorMiddleware());
  app.use(jsonBody());
  const router = new Router<AppState>();
  router.post('/echo', (ctx) => {
    ctx.body = z.object({ qty: z.number().int().positive() }).parse(ctx.request.body);
  });
  router.get('/stock', () => {
    throw errors.rule('OUT_OF_STOCK', '库存不足');
  });
  router.get('/bug', () => {
    throw new Error('connect ECONNREFUSED 10.0.0.5:3306');
  });
  app.use(router.routes()).use(router.allowedMethods());
  const server = app.callback();

  it('answers a business rule with 422 and the Chinese message', async () => {
    const res = await request(server).get('/stock');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'OUT_OF_STOCK', message: '库存不足' });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it('answers malformed JSON with 400 BAD_REQUEST', async () => {
    const res = await request(server).post('/echo').set('Content-Type', 'application/json').send('{"qty": ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'BAD_REQUEST', message: '请求格式不正确' });
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await request(server)
      .post('/echo')
      .send({ qty: 1, pad: 'x'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' });
  });

  it('answers invalid input with 400 VALIDATION_FAILED and the field', async () => {
    const res = await request(server).post('/echo').send({ qty: -1 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details[0].path).toBe('qty');
  });

  it('hides a bug behind 500 INTERNAL_ERROR without leaking the cause', async () => {
    const res = await request(server).get('/bug');
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ code: 'INTERNAL_ERROR', message: '服务繁忙，请稍后再试' });
    expect(res.text).not.toContain('ECONNREFUSED');
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND and a wrong method with 405', async () => {
    const missing = await request(server).get('/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: '接口不存在' });
    const wrongMethod = await request(server).delete('/stock');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body).toMatchObject({ code: 'METHOD_NOT_ALLOWED', message: '不支持该请求方式' });
  });

  it('keeps a sane incoming request id and replaces a hostile one', async () => {
    const kept = await request(server).get('/stock').set('X-Request-Id', 'abcdef12-3456');
    expect(kept.headers['x-request-id']).toBe('abcdef12-3456');
    const replaced = await request(server).get('/stock').set('X-Request-Id', '<script>');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
