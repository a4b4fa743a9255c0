/** Display and input rules for the 8-digit pickup code (取货码), on both sides of the counter. */

export const PICKUP_CODE_LENGTH = 8;
/** What the QR on the customer's order page encodes before the digits. */
const QR_PREFIX = 'PICKUP:';

/** "12345678" → "1234 5678": two groups of four, easy to read out at the counter. */
export function formatPickupCode(code: string): string {
  return code.replace(/\s+/g, '').replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** What staff typed, kept to digits and at most 8 (spaces and pasted separators dropped). */
export function pickupCodeInput(text: string): string {
  return text.replace(/\D/g, '').slice(0, PICKUP_CODE_LENGTH);
}

/** A scanned QR payload (`PICKUP:12345678`) or typed digits → the 8 digits, or null when it cannot be a code. */
export function parsePickupCode(text: string): string | null {
  const compact = text.trim().replace(/\s+/g, '');
  const digits = compact.toUpperCase().startsWith(QR_PREFIX) ? compact.slice(QR_PREFIX.length) : compact;
  return new RegExp(`^\\d{${PICKUP_CODE_LENGTH}}$`).test(digits) ? digits : null;
}

/** "林小满 · 尾号0001", or just the nickname when no phone is bound. */
export function customerLabel(customer: { nickname: string; phoneTail: string | null }): string {
  const name = customer.nickname || '微信用户';
  return customer.phoneTail ? `${name} · 尾号${customer.phoneTail}` : name;
}

/** Units in an order: 3 lines of 1, 2 and 2 → 5. */
export function pieceCount(items: { qty: number }[]): number {
  return items.reduce((sum, item) => sum + item.qty, 0);
}
