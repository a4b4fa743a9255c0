/**
 * The rotating 会员码's timing, one place for the customer's page and the till's copy. The BFF
 * signs each code for 60 s (bff member-code.ts MEMBER_CODE_TTL_SECONDS); the page fetches a new one
 * every 30 s, so the code on screen is never near its end when the clerk scans it.
 */
export const MEMBER_CODE_REFRESH_MS = 30_000;
export const MEMBER_CODE_VALID_MS = 60_000;

/** "每 30 秒自动刷新": what both the customer and the clerk are told. */
export const MEMBER_CODE_REFRESH_TEXT = `每 ${MEMBER_CODE_REFRESH_MS / 1000} 秒自动刷新`;
