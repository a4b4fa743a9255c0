import type Router from '@koa/router';
import type { RequestState, SandboxDeps } from '../context';
import { jsonObject } from '../http';
import { subscriptionKey } from '../state';
import { checkAccessToken, mpError, mpFaults, OPENID_PATTERN } from './common';

/**
 * Subscribe messages. A one-time subscription (the user tapped 允许 in
 * wx.requestSubscribeMessage) allows exactly one message of that template; without one WeChat
 * answers 43101.
 */
export function subscribeRoutes(router: Router<RequestState>, deps: SandboxDeps): void {
  router.post('/cgi-bin/message/subscribe/send', mpFaults(deps, 'subscribe'), (ctx) => {
    if (!checkAccessToken(deps, ctx)) return;
    const body = jsonObject(ctx.state.rawBody);
    if (!body) return mpError(ctx, 47001);
    const { touser, template_id: templateId, page, data, miniprogram_state: state, lang } = body;
    if (typeof touser !== 'string' || !OPENID_PATTERN.test(touser)) return mpError(ctx, 40003);
    if (typeof templateId !== 'string' || !templateId) return mpError(ctx, 40037);
    if (state !== undefined && !['developer', 'trial', 'formal'].includes(String(state))) return mpError(ctx, 47003, 'miniprogram_state');
    if (lang !== undefined && !['zh_CN', 'en_US', 'zh_HK', 'zh_TW'].includes(String(lang))) return mpError(ctx, 47003, 'lang');
    const problem = checkData(data);
    if (problem) return mpError(ctx, 47003, problem);

    const key = subscriptionKey(touser, templateId);
    const remaining = deps.state.subscriptions.get(key) ?? 0;
    if (remaining <= 0) return mpError(ctx, 43101);
    deps.state.subscriptions.set(key, remaining - 1);

    const msgid = deps.state.nextMsgid++;
    deps.state.messages.push({
      msgid,
      touser,
      template_id: templateId,
      page: typeof page === 'string' ? page : undefined,
      data: data as Record<string, { value: string }>,
      miniprogram_state: typeof state === 'string' ? state : undefined,
      lang: typeof lang === 'string' ? lang : undefined,
      sentAt: deps.now().toISOString(),
    });
    ctx.body = { errcode: 0, errmsg: 'ok', msgid };
  });
}

/**
 * Template keyword limits from WeChat's subscribe-message docs: the keyword's type is its name
 * without the trailing number (thing1 → thing). Over-long or malformed values → 47003.
 */
const KEYWORD_RULES: Record<string, { max: number; pattern?: RegExp }> = {
  thing: { max: 20 },
  number: { max: 32, pattern: /^[0-9.]+$/ },
  letter: { max: 32, pattern: /^[A-Za-z]+$/ },
  symbol: { max: 5 },
  character_string: { max: 32, pattern: /^[\x21-\x7e]+$/ },
  time: { max: 40 },
  date: { max: 40 },
  amount: { max: 20, pattern: /^[^0-9]?[0-9]{1,10}(\.[0-9]{1,2})?元?$/ },
  phone_number: { max: 17, pattern: /^[0-9+\-() ]+$/ },
  car_number: { max: 8 },
  name: { max: 10 }, // 10 Chinese characters (20 if letters only)
  phrase: { max: 5 },
};

function checkData(data: unknown): string | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return 'data is empty';
  for (const [keyword, entry] of Object.entries(data as Record<string, unknown>)) {
    const value = entry && typeof entry === 'object' ? (entry as { value?: unknown }).value : undefined;
    if (typeof value !== 'string' || value.length === 0) return `data.${keyword}.value is empty`;
    const type = keyword.replace(/\d+$/, '');
    const rule = KEYWORD_RULES[type];
    if (!rule) continue;
    const length = Array.from(value).length;
    const max = type === 'name' && /^[A-Za-z ]+$/.test(value) ? 20 : rule.max;
    if (length > max) return `data.${keyword}.value exceeds ${max} characters`;
    if (rule.pattern && !rule.pattern.test(value)) return `data.${keyword}.value has characters a ${type} keyword does not allow`;
  }
  return undefined;
}
