/**
 * Bad input at the boundary, through the real app: validation details in Chinese (zod's zh-CN
 * locale, http/zod-locale.ts), control characters refused in every free-text field (http/text.ts),
 * and the JSON body's size and syntax (http/body.ts).
 */
import { eq } from 'drizzle-orm';
import { members } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { CreateOrderSchema } from '../../src/modules/checkout/schema';
import { RefundRequestSchema } from '../../src/modules/refund/schema';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';

const CJK = /[\u4e00-\u9fff]/;
type Who = 'customer' | 'manager' | 'admin';
type Details = { path: string; message: string }[];

describe('bad input', () => {
  let sandbox: TestSandbox;
  let deps: TestDeps;
  let server: ReturnType<ReturnType<typeof buildApp>['callback']>;
  const sessions = {} as Record<Who, { Authorization: string }>;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    deps = await createTestDeps({ label: 'bad_input', wechat: sandbox.wechat });
    await seedDemo(deps.db, new Date());
    server = buildApp(deps).callback();
    for (const [who, openid] of [
      ['customer', 'bad-input-customer'],
      ['manager', 'demo-manager-1'],
      ['admin', 'demo-admin'],
    ] as const) {
      const res = await request(server)
        .post('/api/auth/login')
        .send({ code: await sandbox.loginCode(openid) });
      sessions[who] = { Authorization: `Bearer ${res.body.token}` };
    }
  });
  afterAll(async () => {
    await deps.close();
    await sandbox.close();
  });

  const send = (method: 'post' | 'patch', path: string, who: Who, body: unknown) =>
    request(server)
      [method](path)
      .set(sessions[who])
      .set('Idempotency-Key', 'bad-input-0001')
      .send(body as object);

  describe('validation details are Chinese on write routes', () => {
    it.each([
      ['POST /api/cart/items, a string id and a fractional qty', 'post', '/api/cart/items', 'customer', { skuId: 'abc', qty: 1.5 }],
      ['PATCH /api/me, a number for the nickname and an unknown key', 'patch', '/api/me', 'customer', { nickname: 5, extra: true }],
      ['POST /api/orders, items not a list', 'post', '/api/orders', 'customer', { items: 'x', fulfillment: { type: 'delivery' } }],
      ['PATCH /api/admin/skus/:id, a price of 2^53 + 1', 'patch', '/api/admin/skus/1', 'admin', { priceFen: 2 ** 53 + 1 }],
      ['POST /api/admin/coupon-templates, nothing', 'post', '/api/admin/coupon-templates', 'admin', {}],
    ] as const)('%s', async (_name, method, path, who, body) => {
      const res = await send(method, path, who, body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(CJK) });
      const details = res.body.details as Details;
      expect(details.length).toBeGreaterThan(0);
      for (const detail of details) expect(detail.message).toMatch(CJK);
      expect(JSON.stringify(details)).not.toMatch(/Invalid|expected|received/);
    });

    it("keeps a rule written for users as the message, and zod's own wording (which names types) only in details", async () => {
      const written = await send('post', '/api/cart/items', 'customer', { skuId: 1, qty: 0 });
      expect(written.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '数量至少为 1' });
      const generic = await send('post', '/api/cart/items', 'customer', { skuId: 'abc' });
      expect(generic.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '请求参数不正确' });
      expect(generic.body.details).toEqual([{ path: 'skuId', message: expect.stringMatching(/^无效输入/) }]);
    });
  });

  describe('free text refuses NUL and control characters', () => {
    // Every free-text field a route stores and shows again: [field, route, who, body with the text, detail path, label].
    const fields: [string, 'post' | 'patch', string, Who, (text: string) => object, string, string][] = [
      ['nickname', 'patch', '/api/me', 'customer', (nickname) => ({ nickname }), 'nickname', '昵称'],
      [
        'order remark',
        'post',
        '/api/orders',
        'customer',
        (remark) => ({ items: [{ skuId: 1, qty: 1 }], fulfillment: { type: 'pickup', storeId: 1 }, remark }),
        'remark',
        '备注',
      ],
      ['refund reason', 'post', '/api/orders/1/refund-requests', 'customer', (reason) => ({ reason }), 'reason', '退款原因'],
      ['after-sale rejection note', 'post', '/api/staff/refund-requests/1/reject', 'manager', (note) => ({ note }), 'note', '拒绝原因'],
      [
        'stock adjustment note',
        'post',
        '/api/staff/inventory/adjust',
        'manager',
        (note) => ({ storeId: 1, skuId: 1, delta: -1, note }),
        'note',
        '备注',
      ],
      ['product title', 'patch', '/api/admin/products/1', 'admin', (title) => ({ title }), 'title', '商品名称'],
      ['product subtitle', 'patch', '/api/admin/products/1', 'admin', (subtitle) => ({ subtitle }), 'subtitle', '副标题'],
      ['product brand', 'patch', '/api/admin/products/1', 'admin', (brand) => ({ brand }), 'brand', '品牌'],
      ...(['name', 'description'] as const).map(
        (field) =>
          [
            `coupon template ${field}`,
            'post',
            '/api/admin/coupon-templates',
            'admin',
            (text: string) => ({
              name: '测试券',
              kind: 'no_threshold',
              amountOffFen: 500,
              source: 'center',
              validity: 'relative',
              validDays: 7,
              totalQuantity: 100,
              [field]: text,
            }),
            field,
            field === 'name' ? '优惠券名称' : '说明',
          ] as (typeof fields)[number],
      ),
    ];

    it.each(fields)('%s', async (_field, method, path, who, body, detailPath, label) => {
      for (const text of ['小林\u0000', 'a\u0007b', '\u001b[31m红', 'x\u007f', 'y\u0085']) {
        const res = await send(method, path, who, body(text));
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.details as Details).toContainEqual({ path: detailPath, message: `${label}不能包含控制字符` });
      }
      const surrogate = await send(method, path, who, body('半个\ud83d字'));
      expect(surrogate.status).toBe(400);
      expect(surrogate.body.details as Details).toContainEqual({ path: detailPath, message: `${label}包含无法识别的字符` });
    });

    it('refuses a line break in a one-line field with a message that names it, and stores nothing', async () => {
      const before = await deps.db.select({ nickname: members.nickname }).from(members).where(eq(members.openid, 'bad-input-customer'));
      const res = await send('patch', '/api/me', 'customer', { nickname: '第一行\n第二行' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '昵称不能包含控制字符' });
      const after = await deps.db.select({ nickname: members.nickname }).from(members).where(eq(members.openid, 'bad-input-customer'));
      expect(after).toEqual(before);
    });

    it('keeps emoji and CJK punctuation, and lines in multi-line fields', async () => {
      const res = await send('patch', '/api/me', 'customer', { nickname: '  小林🌸「猫」  ' });
      expect(res.status).toBe(200);
      expect(res.body.nickname).toBe('小林🌸「猫」');
      expect(CreateOrderSchema.shape.remark.parse('请放前台\n谢谢\t!')).toBe('请放前台\n谢谢\t!');
      expect(RefundRequestSchema.shape.reason.parse('尺码不对\r\n想换大一号')).toBe('尺码不对\r\n想换大一号');
    });
  });

  describe('the JSON body', () => {
    const raw = (body: string) =>
      request(server).post('/api/cart/items').set(sessions.customer).set('Content-Type', 'application/json').send(body);

    it('answers 413 with our code and a Chinese message past 64 KB, and reads a body under it', async () => {
      const big = await raw(JSON.stringify({ skuId: 1, qty: 1, pad: 'x'.repeat(70 * 1024) }));
      expect(big.status).toBe(413);
      expect(big.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' });
      const megabyte = await raw(JSON.stringify({ pad: '字'.repeat(350_000) }));
      expect(megabyte.status).toBe(413);
      expect(megabyte.body.code).toBe('PAYLOAD_TOO_LARGE');
      const under = await raw(JSON.stringify({ skuId: 'x', pad: 'x'.repeat(60 * 1024) }));
      expect(under.status).toBe(400);
      expect(under.body.code).toBe('VALIDATION_FAILED');
    });

    it.each([['{"skuId": 1,'], ['{skuId: 1}'], ['"just a string"'], ['nul\u0000l'], ["{'a':1}"]])(
      'answers 400 BAD_REQUEST to malformed JSON %j',
      async (body) => {
        const res = await raw(body);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ code: 'BAD_REQUEST', message: '请求格式不正确' });
      },
    );
  });
});
