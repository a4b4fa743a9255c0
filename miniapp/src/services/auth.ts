import { login } from '../platform/login';
import { clearToken, getToken } from './session';
import { send } from './transport';

/** Signs in (wx.login on weapp, the sandbox on H5) and stores the session. */
export async function signIn(): Promise<void> {
  await login();
}

/**
 * POST /api/auth/logout, then forgets the token. It goes straight to the transport: an
 * expired session must not trigger the wrapper's re-login just to end it, and signing out
 * locally succeeds even when the BFF cannot be reached.
 */
export async function signOut(): Promise<void> {
  const token = getToken();
  clearToken();
  if (!token) return;
  await send({ path: '/api/auth/logout', method: 'POST', header: { Authorization: `Bearer ${token}` } }).catch(() => undefined);
}

export function isSignedIn(): boolean {
  return getToken() !== '';
}
