import crypto from 'node:crypto';

/**
 * Pickup codes (取货码): 8 digits from a CSPRNG. The database keeps only
 *  - an HMAC for lookup (keyed per store, so the same digits at two stores do not collide), and
 *  - an AES-GCM sealed copy so the customer's order page can show the code again.
 * Both keys derive from PICKUP_CODE_SECRET: a leaked table yields no usable code.
 */
export const PICKUP_CODE_LENGTH = 8;
/** What the QR on the order page encodes; the staff scanner accepts it or the bare digits. */
const QR_PREFIX = 'PICKUP:';

export function newPickupCode(): string {
  return String(crypto.randomInt(0, 10 ** PICKUP_CODE_LENGTH)).padStart(PICKUP_CODE_LENGTH, '0');
}

export function qrPayload(code: string): string {
  return `${QR_PREFIX}${code}`;
}

/** Digits typed by staff or a scanned QR payload → the code, or null when it cannot be one. */
export function parseScanned(input: string): string | null {
  const text = input.trim().replace(/\s+/g, '');
  const code = text.startsWith(QR_PREFIX) ? text.slice(QR_PREFIX.length) : text;
  return new RegExp(`^\\d{${PICKUP_CODE_LENGTH}}$`).test(code) ? code : null;
}

function subKey(secret: string, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), `pickup-code:${purpose}`, 32));
}

export function codeHash(secret: string, storeId: number, code: string): string {
  return crypto.createHmac('sha256', subKey(secret, 'lookup')).update(`${storeId}:${code}`).digest('hex');
}

/** The order id is bound in as associated data: a sealed code copied onto another order will not open. */
export function sealCode(secret: string, orderId: number, code: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', subKey(secret, 'seal'), iv);
  cipher.setAAD(Buffer.from(String(orderId)));
  const sealed = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
}

export function openSealedCode(secret: string, orderId: number, sealed: string): string {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = crypto.createDecipheriv('aes-256-gcm', subKey(secret, 'seal'), bytes.subarray(0, 12));
  decipher.setAAD(Buffer.from(String(orderId)));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}
