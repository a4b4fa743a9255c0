import Taro from '@tarojs/taro';
import { renewSession, sessionSettled } from './auth';
import { isApiError } from './errors';
import { getToken } from './session';
import { send, type Call } from './transport';

type Interceptor = Taro.interceptorify.InterceptorifyInterceptor<Call, unknown>;

/** Shows the BFF's Chinese message unless the caller asked for silence. */
const toastOnError: Interceptor = async (chain) => {
  try {
    return await chain.proceed(chain.requestParams);
  } catch (error) {
    if (isApiError(error) && !chain.requestParams.silent) {
      void Taro.showToast({ title: error.message, icon: 'none', duration: 2500 });
    }
    throw error;
  }
};

/** An expired or missing session: sign in again (one login for every call that got 401) and replay the call once. */
const reloginOn401: Interceptor = async (chain) => {
  const call = chain.requestParams;
  await sessionSettled();
  const sentWith = getToken();
  try {
    return await chain.proceed(call);
  } catch (error) {
    if (!isApiError(error) || error.status !== 401) throw error;
    await renewSession(sentWith);
    return chain.proceed(call);
  }
};

/** The session's token, once the login in flight (on launch, or a renewal) has settled. */
const attachToken: Interceptor = async (chain) => {
  const call = chain.requestParams;
  await sessionSettled();
  const token = getToken();
  return chain.proceed(token ? { ...call, header: { ...call.header, Authorization: `Bearer ${token}` } } : call);
};

const pipeline = Taro.interceptorify<Call, unknown>(send);
pipeline.addInterceptor(toastOnError);
pipeline.addInterceptor(reloginOn401);
pipeline.addInterceptor(attachToken);

export type RequestOptions = Partial<Pick<Call, 'method' | 'data' | 'header' | 'silent'>>;

/** Calls the BFF. The body is trusted to match `T` (the BFF validates against its schemas). */
export function request<T>(path: string, { method = 'GET', ...options }: RequestOptions = {}): Promise<T> {
  return pipeline.request({ path, method, ...options }) as Promise<T>;
}

/** Per-call switches endpoint functions pass through. */
export type RequestFlags = Pick<RequestOptions, 'silent'>;
