import crypto from 'node:crypto';
import type { PayMode, SandboxCredentials } from './credentials';
import { randomAlphanumeric } from './ids';

/**
 * WeChat Pay v3's cryptography: SHA256withRSA signatures over newline-joined strings, and
 * AEAD_AES_256_GCM with the APIv3 key for encrypted resources (notifications, certificates).
 */

export const SIGNATURE_TYPE = 'WECHATPAY2-SHA256-RSA2048';
/** Requests and responses whose timestamps are further off than this are rejected. */
export const TIMESTAMP_WINDOW_SECONDS = 5 * 60;

/**
 * Signature timestamps always use the real wall clock, never the sandbox's adjustable clock:
 * they model two machines' clocks agreeing, and the merchant SDK on the other side signs with
 * real time. Moving the sandbox clock (to age tokens) must not turn every pay call into SIGN_ERROR.
 */
export function signatureClock(): Date {
  return new Date();
}
/** WeChat's signature probes carry signatures with this prefix; receivers must reject them. */
export const PROBE_SIGNATURE_PREFIX = 'WECHATPAY/SIGNTEST/';

/** `METHOD\nCANONICAL_URL\nTIMESTAMP\nNONCE\nBODY\n`; a GET's empty body leaves `NONCE\n\n`. */
export function requestMessage(method: string, canonicalUrl: string, timestamp: string, nonce: string, body: string): string {
  return `${method}\n${canonicalUrl}\n${timestamp}\n${nonce}\n${body}\n`;
}

/** `TIMESTAMP\nNONCE\nBODY\n` for responses and notifications (a 204's body is empty). */
export function responseMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

export function rsaSign(message: string, privateKeyPem: string): string {
  return crypto.createSign('RSA-SHA256').update(message).sign(privateKeyPem, 'base64');
}

/** `key` may be a certificate or a public key PEM. Malformed input is a failed verification. */
export function rsaVerify(message: string | Buffer, signatureBase64: string, key: string): boolean {
  try {
    return crypto.createVerify('RSA-SHA256').update(message).verify(key, signatureBase64, 'base64');
  } catch {
    return false;
  }
}

export type EncryptedResource = { algorithm: 'AEAD_AES_256_GCM'; ciphertext: string; associated_data: string; nonce: string };

/** AES-256-GCM with the APIv3 key; ciphertext is base64(ciphertext ‖ 16-byte tag), nonce 12 chars. */
export function encryptResource(apiV3Key: string, associatedData: string, plaintext: string): EncryptedResource {
  const nonce = randomAlphanumeric(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: ciphertext.toString('base64'), associated_data: associatedData, nonce };
}

/** The inverse, checking the GCM tag: a tampered ciphertext throws in `final()`. */
export function decryptResource(apiV3Key: string, resource: Pick<EncryptedResource, 'ciphertext' | 'associated_data' | 'nonce'>): string {
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length < 16) throw new Error('ciphertext shorter than the GCM tag');
  const decipher = crypto.createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'));
  decipher.setAAD(Buffer.from(resource.associated_data, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}

/** Parses `WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",…`; undefined if it is not that. */
export function parseAuthorization(header: string | undefined): Record<string, string> | undefined {
  if (!header) return undefined;
  const space = header.indexOf(' ');
  if (space < 0 || header.slice(0, space) !== SIGNATURE_TYPE) return undefined;
  const params: Record<string, string> = {};
  for (const match of header.slice(space + 1).matchAll(/([a-z_]+)="([^"]*)"/g)) params[match[1]] = match[2];
  return params;
}

/** Serials compare case-insensitively and without leading zeros (SDKs print them differently). */
export function sameSerial(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().toUpperCase().replace(/^0+/, '');
  return norm(a) === norm(b);
}

/** The serial WeChat puts in Wechatpay-Serial: the platform cert's, or the public key's id. */
export function platformSerial(creds: SandboxCredentials, mode: PayMode): string {
  return mode === 'public_key' ? creds.platform.publicKeyId : creds.platform.serialNo;
}

/**
 * The Wechatpay-* headers that sign `body` with the platform key. `corrupt` produces what a
 * verifier must reject: a signature over different bytes (for responses) or WeChat's
 * SIGNTEST probe signature (for notifications).
 */
export function platformSignatureHeaders(
  creds: SandboxCredentials,
  mode: PayMode,
  body: string,
  now: Date,
  corrupt?: 'wrong_bytes' | 'probe',
): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000).toString();
  const nonce = randomAlphanumeric(32);
  let signature = rsaSign(responseMessage(timestamp, nonce, body), creds.platform.privateKeyPem);
  if (corrupt === 'wrong_bytes') signature = rsaSign(responseMessage(timestamp, nonce, `${body} `), creds.platform.privateKeyPem);
  if (corrupt === 'probe') signature = PROBE_SIGNATURE_PREFIX + crypto.randomBytes(192).toString('base64');
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': signature,
    'Wechatpay-Serial': platformSerial(creds, mode),
    'Wechatpay-Signature-Type': SIGNATURE_TYPE,
  };
}
