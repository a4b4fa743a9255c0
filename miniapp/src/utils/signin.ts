import Taro from '@tarojs/taro';
import { isSignedIn, sessionSettled, signIn } from '../services/auth';

/**
 * Signed in already (normally: the app signs in on launch), or asks to sign in (a dialog saying why) and signs in; resolves whether
 * there is a session now. Pages that anyone may look at call it before an action that needs one
 * (领取, 兑换).
 */
export async function ensureSignedIn(reason: string): Promise<boolean> {
  // The launch login may still be on its way: its outcome decides whether to ask.
  await sessionSettled();
  if (isSignedIn()) return true;
  const { confirm } = await Taro.showModal({
    title: '请先登录',
    content: reason,
    confirmText: '微信登录',
    cancelText: '暂不登录',
    confirmColor: '#e93b3d',
  });
  if (!confirm) return false;
  try {
    await signIn();
    return true;
  } catch {
    void Taro.showToast({ title: '登录失败，请稍后重试', icon: 'none' });
    return false;
  }
}
