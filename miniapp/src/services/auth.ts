import { login } from '../platform/login';
import { clearToken, getToken } from './session';
import { send } from './transport';

/**
 * The app's session (docs/architecture.md#sign-in): signed in silently on launch with the code of
 * wx.login (the sandbox's on H5), one login at a time. Every request waits for a login in flight
 * instead of going out without the session (services/http.ts), and a 401 renews the session once
 * for all the calls that got it. The profile (avatar, nickname, phone) is never part of this: the
 * pages that need it ask for it.
 */
let inFlight: Promise<void> | null = null;

/** Signs in and stores the session; callers while a login is in flight share that login. */
export function signIn(): Promise<void> {
  inFlight ??= login()
    .then(() => undefined)
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

/**
 * On launch: signs in quietly unless a session is stored, so the first page finds one (a customer
 * arriving through a shared card lands signed in, and the visit is recorded as theirs). Never
 * rejects: a failed login leaves the pages' 登录 prompt, and the next 401 tries again.
 */
export function startSession(): void {
  if (getToken()) return;
  signIn().catch(() => undefined);
}

/** Resolves once no login is in flight (whatever its outcome). */
export function sessionSettled(): Promise<void> {
  return inFlight ? inFlight.catch(() => undefined) : Promise.resolve();
}

/**
 * A call sent with `staleToken` answered 401: sign in again, unless another call has already
 * renewed the session meanwhile. The stale token goes first, so a failed login leaves the
 * customer signed out rather than stuck on a dead token.
 */
export async function renewSession(staleToken: string): Promise<void> {
  if (!inFlight) {
    const current = getToken();
    if (current !== '' && current !== staleToken) return;
    clearToken();
  }
  await signIn();
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

/**
 * Whether there is a session, or one on its way (the launch login): pages show their signed-in
 * loading state meanwhile, and their requests wait for it, so nobody sees a 登录 prompt flash.
 */
export function isSignedIn(): boolean {
  return getToken() !== '' || inFlight !== null;
}
