import { fake, requests, resetTaro, taro } from './support/taro';

jest.mock('@tarojs/taro', () => jest.requireActual('./support/taro').taroModule);

/**
 * The platform modules pick WeChat or the local sandbox by the build constant WECHAT_SANDBOX
 * (miniapp/config/index.ts): a weapp build calls WeChat and never the sandbox, an H5 build goes
 * through platform/sandbox.ts. Both loaded here as each build would run them.
 */
type Build = { login: typeof import('../src/platform/login'); pay: typeof import('../src/platform/pay') };

function build(platform: 'weapp' | 'h5'): Build {
  process.env.TARO_ENV = platform;
  Object.assign(globalThis, { WECHAT_SANDBOX: platform === 'h5' });
  let modules!: Build;
  jest.isolateModules(() => {
    modules = { login: jest.requireActual('../src/platform/login'), pay: jest.requireActual('../src/platform/pay') };
  });
  return modules;
}

const payment = { timeStamp: '1764800000', nonceStr: 'n0nce', package: 'prepay_id=wx123', signType: 'RSA', paySign: 'c2ln' } as const;

beforeEach(() => {
  resetTaro();
  fake.respond = (call) => {
    if (call.url === 'http://bff.test/api/auth/login') return { statusCode: 200, data: { token: 't-1', user: { id: 3 } } };
    if (call.url.startsWith('http://sandbox.test/sandbox/login-code')) return { statusCode: 200, data: { code: 'sandbox-code' } };
    if (call.url === 'http://sandbox.test/sandbox/pay/confirm') return { statusCode: 200, data: { trade_state: 'SUCCESS' } };
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '无' } };
  };
});
afterAll(() => Object.assign(globalThis, { WECHAT_SANDBOX: false }));

test('weapp: the login code is wx.login and paying opens WeChat Pay; the sandbox is never called', async () => {
  const { login, pay } = build('weapp');
  await login.login();
  await pay.pay(payment);
  expect(taro.login).toHaveBeenCalledTimes(1);
  expect(taro.requestPayment).toHaveBeenCalledWith(payment);
  expect(requests.filter((r) => r.url.includes('sandbox'))).toEqual([]);
  expect((requests[0].data as { code: string }).code).toBe('wx-code');
});

test('weapp: a cancelled pay sheet is PAY_CANCELLED', async () => {
  const { pay } = build('weapp');
  taro.requestPayment.mockRejectedValueOnce({ errMsg: 'requestPayment:fail cancel' });
  await expect(pay.pay(payment)).rejects.toMatchObject({ code: 'PAY_CANCELLED' });
});

test('H5: the sandbox mints the login code and plays the customer paying after 确认支付', async () => {
  const { login, pay } = build('h5');
  await login.login();
  await pay.pay(payment);
  expect(taro.login).not.toHaveBeenCalled();
  expect(taro.requestPayment).not.toHaveBeenCalled();
  expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '微信支付（本地沙箱）', confirmText: '确认支付' }));
  expect(requests.map((r) => r.url)).toEqual([
    'http://sandbox.test/sandbox/login-code?openid=demo-customer-1',
    'http://bff.test/api/auth/login',
    'http://sandbox.test/sandbox/pay/confirm',
  ]);
  expect(requests[2].data).toEqual({ prepay_id: 'wx123' });
});

test('H5: 取消 in the stand-in sheet is PAY_CANCELLED and nothing is paid', async () => {
  const { pay } = build('h5');
  taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
  await expect(pay.pay(payment)).rejects.toMatchObject({ code: 'PAY_CANCELLED' });
  expect(requests).toEqual([]);
});
