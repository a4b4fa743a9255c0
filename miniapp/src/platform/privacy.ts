import Taro from '@tarojs/taro';
import { ApiError } from '../services/errors';

/**
 * WeChat's privacy agreement (用户隐私保护指引, docs/architecture.md#privacy-consent). With
 * `__usePrivacyCheck__` on, WeChat holds back every API that touches personal data (location,
 * phone number, avatar, the nickname keyboard) until the customer has agreed, and asks us through
 * wx.onNeedPrivacyAuthorization to show the agreement. We answer with our own popup
 * (components/PrivacyPopup): 同意 is WeChat's agreePrivacyAuthorization button, 拒绝 lets the held
 * API fail, and each caller already has a way on without it (stores without distance, a number
 * typed by hand, the default avatar). Several needs at once share one popup; H5 has no such thing.
 */

type Resolve = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void;
type Listener = (open: boolean) => void;

/** The id of the popup's 同意 button: WeChat checks that this very button was tapped. */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree';

/** The held APIs waiting for the customer's answer. */
const waiting: Resolve[] = [];
/** The popups of the pages on screen (a page mounts one where it uses personal data). */
const popups = new Set<Listener>();

/** Registers the handler once, on launch. */
export function installPrivacyHandler(): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  Taro.onNeedPrivacyAuthorization((resolve) => onNeed(resolve));
}

function onNeed(resolve: Resolve): void {
  if (popups.size === 0) {
    // No page on screen can show the agreement (a quiet check such as the product page's nearest
    // store): the API fails as if refused, and the page uses its fallback without a popup.
    resolve({ event: 'disagree' });
    return;
  }
  waiting.push(resolve);
  // WeChat wants to know the agreement was shown before the answer.
  resolve({ event: 'exposureAuthorization' });
  if (waiting.length === 1) for (const show of popups) show(true);
}

function answer(option: Taro.onNeedPrivacyAuthorization.ResolveOption): void {
  const held = waiting.splice(0);
  for (const show of popups) show(false);
  for (const resolve of held) resolve(option);
}

/** The customer tapped 同意 (the agreePrivacyAuthorization button): every held API goes on. */
export function agreePrivacy(): void {
  answer({ event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID });
}

/** The customer tapped 拒绝: every held API fails, and its caller falls back. */
export function refusePrivacy(): void {
  answer({ event: 'disagree' });
}

/**
 * The popup of the page on screen subscribes while that page shows (a hidden page below must
 * not take the prompt). Returns the unsubscribe.
 */
export function watchPrivacyPrompt(listener: Listener): () => void {
  popups.add(listener);
  if (waiting.length > 0) listener(true);
  return () => {
    popups.delete(listener);
    // The last popup went away with the prompt open: nobody can answer it now.
    if (popups.size === 0 && waiting.length > 0) refusePrivacy();
  };
}

/** 《隐私保护指引》: WeChat's page with the agreement filled in the mini-program admin. */
export function openPrivacyContract(): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  Taro.openPrivacyContract({
    fail: () => void Taro.showToast({ title: '暂时无法打开隐私保护指引，请稍后重试', icon: 'none' }),
  });
}

/**
 * Asks for the agreement ahead of an action that needs it (WeChat shows our popup through the
 * handler above when it is not agreed yet): resolves once agreed (at once when it already is, and
 * on H5), rejects with PRIVACY_REFUSED when the customer refuses.
 */
export function requirePrivacy(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    Taro.requirePrivacyAuthorize({
      success: () => resolve(),
      fail: () => reject(new ApiError('PRIVACY_REFUSED', '需要同意隐私保护指引后才能使用该功能', 0)),
    });
  });
}
