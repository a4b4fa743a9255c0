import Taro from '@tarojs/taro';
import { getNotifyTemplates } from '../services/notify';
import { SUBSCRIBE_MOMENTS, type TemplateName } from './subscribe-moments';

/**
 * Subscribe-message consent (订阅消息, docs/architecture.md#subscribe-message-consent). WeChat
 * delivers a subscribe message only against a one-time grant the customer gave in
 * wx.requestSubscribeMessage, and that dialog opens only from a tap. So every moment that leads
 * to a message asks right in its tap handler, and the BFF's sends without a grant end quietly
 * (errcode 43101, see bff/src/modules/notify).
 */

export { SUBSCRIBE_MOMENTS } from './subscribe-moments';
export type SubscribeMoment = keyof typeof SUBSCRIBE_MOMENTS;

const MAX_TEMPLATES_PER_CALL = 3;
const STORAGE_KEY = 'notify.templates';

let cached: Partial<Record<TemplateName, string>> | null = null;
let loading: Promise<void> | null = null;

/**
 * Fetches the template ids ahead of any tap (the dialog must open in the tap handler itself, with
 * no network round trip in between). Called once on launch; the last answer is also kept in
 * storage so the first tap of a cold start can ask before this answer arrives.
 */
export function preloadSubscribeTemplates(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve();
  if (!loading) {
    loading = getNotifyTemplates()
      .then((templates) => {
        cached = templates;
        Taro.setStorageSync(STORAGE_KEY, templates);
      })
      .catch(() => {
        // No ids this time: a later ask tries again; until then the moments just do not ask.
        loading = null;
      });
  }
  return loading;
}

function knownTemplates(): Partial<Record<TemplateName, string>> | null {
  if (cached) return cached;
  const stored: unknown = Taro.getStorageSync(STORAGE_KEY);
  return typeof stored === 'object' && stored !== null ? (stored as Partial<Record<TemplateName, string>>) : null;
}

/** The template ids the moment asks for, as far as they are known now. */
export function templateIdsFor(moment: SubscribeMoment, templates: Partial<Record<TemplateName, string>>): string[] {
  const names: readonly TemplateName[] = SUBSCRIBE_MOMENTS[moment];
  const ids = names.map((name) => templates[name]).filter((id): id is string => typeof id === 'string' && id !== '');
  return [...new Set(ids)].slice(0, MAX_TEMPLATES_PER_CALL);
}

/**
 * Asks the customer to allow the moment's messages. Call it first thing in the tap handler (before
 * any await) and await it before moving on, so WeChat's dialog and the next screen do not overlap.
 * It never rejects: a refusal, a failure, unknown ids or H5 all resolve, with the ids accepted
 * (usually none), and the caller carries on either way.
 */
export async function askSubscribe(moment: SubscribeMoment): Promise<string[]> {
  if (process.env.TARO_ENV !== 'weapp') return [];
  const templates = knownTemplates();
  if (!cached) void preloadSubscribeTemplates();
  const tmplIds = templates ? templateIdsFor(moment, templates) : [];
  if (tmplIds.length === 0) return [];
  try {
    // Taro's type wants Alipay's entityIds too; WeChat takes tmplIds only.
    const answer = await Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option);
    return tmplIds.filter((id) => (answer as Record<string, unknown>)[id] === 'accept');
  } catch {
    // Refused for good (总是保持以上选择 + 拒绝), switched off in settings, or too old a WeChat.
    return [];
  }
}
