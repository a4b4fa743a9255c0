/**
 * A stand-in for the slice of the WeChat platform (Taro's wx API) the platform/ and services/
 * modules use, for unit tests: `jest.mock('@tarojs/taro', () => jest.requireActual('./support/taro').taroModule)`.
 * Storage is an in-memory map, requests answer through `fake.respond`, and each wx call is a
 * jest.fn a test can program. Our own modules run for real on top of it.
 */
type Answer = { statusCode: number; data: unknown };
type RequestOption = { url: string; method?: string; data?: unknown; header?: Record<string, string> };
type Chain = { requestParams: unknown; proceed: (params: unknown) => Promise<unknown> };
type Interceptor = (chain: Chain) => Promise<unknown> | unknown;

/**
 * One instance per test file, even when jest.isolateModules loads this module afresh for a
 * subject under test: the test and the subject must see the same fake.
 */
const shared = ((globalThis as { __fakeTaro?: Record<string, unknown> }).__fakeTaro ??= {});

// The build-time constants of config/index.ts, as a weapp build bakes them in.
// (set once: a test may switch WECHAT_SANDBOX on to load the H5 build's branch).
const constants = { API_BASE: 'http://bff.test', SANDBOX_BASE: 'http://sandbox.test', WECHAT_SANDBOX: false };
for (const [name, value] of Object.entries(constants)) if (!(name in globalThis)) Object.assign(globalThis, { [name]: value });

export const storage = (shared.storage ??= new Map<string, unknown>()) as Map<string, unknown>;
export const requests = (shared.requests ??= []) as RequestOption[];

export const fake = (shared.fake ??= {
  /** Answers Taro.request: the handler sees each request and returns its status and body. */
  respond: (_request: RequestOption): Answer | Promise<Answer> => ({ statusCode: 404, data: { code: 'NOT_FOUND', message: '无' } }),
}) as { respond: (request: RequestOption) => Answer | Promise<Answer> };

/** Taro.interceptorify: the interceptors in the order added, the last one reaching `fn`. */
function interceptorify(fn: (params: unknown) => Promise<unknown>) {
  const interceptors: Interceptor[] = [];
  const run = (index: number, params: unknown): Promise<unknown> =>
    index === interceptors.length
      ? fn(params)
      : Promise.resolve(interceptors[index]({ requestParams: params, proceed: (next) => run(index + 1, next) }));
  return {
    addInterceptor: (interceptor: Interceptor) => interceptors.push(interceptor),
    request: (params: unknown) => run(0, params),
  };
}

export const taro = (shared.taro ??= createTaro()) as ReturnType<typeof createTaro>;

function createTaro() {
  return {
    interceptorify,
    request: jest.fn(async (option: RequestOption) => {
      requests.push(option);
      return fake.respond(option);
    }),
    getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
    setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
    removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
    showToast: jest.fn(async () => ({ errMsg: 'showToast:ok' })),
    showModal: jest.fn(async () => ({ confirm: true, cancel: false, errMsg: 'showModal:ok' })),
    login: jest.fn(async () => ({ code: 'wx-code', errMsg: 'login:ok' })),
    requestSubscribeMessage: jest.fn(async (_option: { tmplIds: string[] }): Promise<Record<string, string>> => ({
      errMsg: 'requestSubscribeMessage:ok',
    })),
    requestPayment: jest.fn(async (_params: Record<string, string>) => ({ errMsg: 'requestPayment:ok' })),
    getLocation: jest.fn(async (_option: { type: string }) => ({ latitude: 31.23, longitude: 121.47, errMsg: 'getLocation:ok' })),
    getSetting: jest.fn(async () => ({ authSetting: {} as Record<string, boolean>, errMsg: 'getSetting:ok' })),
    onNeedPrivacyAuthorization: jest.fn(),
    requirePrivacyAuthorize: jest.fn(
      (_option: { success?: (res: { errMsg: string }) => void; fail?: (res: { errMsg: string }) => void }) => undefined,
    ),
    openPrivacyContract: jest.fn(async () => ({ errMsg: 'openPrivacyContract:ok' })),
    getLaunchOptionsSync: jest.fn(() => ({ path: 'pages/home/index', query: {} as Record<string, string>, scene: 1001 })),
  };
}

export const taroModule = { __esModule: true, default: taro };

/** Forgets storage, requests and every programmed answer between tests. */
export function resetTaro(): void {
  storage.clear();
  requests.length = 0;
  fake.respond = () => ({ statusCode: 404, data: { code: 'NOT_FOUND', message: '无' } });
  for (const value of Object.values(taro)) if (jest.isMockFunction(value)) value.mockClear();
}
