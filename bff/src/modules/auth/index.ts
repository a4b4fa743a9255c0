/**
 * Sign-in (docs/domain.md#members): wx.login code → our member → an opaque session token.
 * Sessions themselves live in Redis (http/sessions.ts).
 *
 * Owns: nothing.
 */
export { authRoutes } from './routes';
