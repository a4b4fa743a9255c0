import crypto from 'node:crypto';

/**
 * WeChat Pay v3's two primitives on the receiving side: SHA256withRSA signatures by the platform
 * key over `TIMESTAMP\nNONCE\nBODY\n`, and AEAD_AES_256_GCM resources keyed by the APIv3 key.
 */

/** Signed messages whose timestamp is further from our clock than this are replays or forgeries. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;
/** WeChat's deliberate mis-signed probes carry this prefix; they never verify, so skip the key lookup. */
const PROBE_PREFIX = 'WECHATPAY/SIGNTEST/';
const GCM_TAG_BYTES = 16;

export type WechatpaySignature = { timestamp: string; nonce: string; signature: string; serial: string };
export type SignatureProblem = 'bad_signature' | 'stale_timestamp' | 'unknown_serial';
/** The platform key that signed with `serial`, or undefined when we do not know that serial. */
export type KeyLookup = (serial: string) => Promise<crypto.KeyObject | undefined>;

/** The Wechatpay-* headers, or undefined when any is missing (then the message is simply unsigned). */
export function readSignature(header: (name: string) => string | undefined): WechatpaySignature | undefined {
  const timestamp = header('wechatpay-timestamp');
  const nonce = header('wechatpay-nonce');
  const signature = header('wechatpay-signature');
  const serial = header('wechatpay-serial');
  if (!timestamp || !nonce || !signature || !serial) return undefined;
  return { timestamp, nonce, signature, serial };
}

/**
 * Checks a response or notification signature over the exact bytes received. The timestamp is
 * checked before the key lookup so a replayed or forged message never triggers a certificate
 * download. Returns the problem, or undefined when the message is authentic.
 */
export async function checkSignature(
  sig: WechatpaySignature,
  body: Buffer,
  findKey: KeyLookup,
  now: Date,
): Promise<SignatureProblem | undefined> {
  if (sig.signature.startsWith(PROBE_PREFIX)) return 'bad_signature';
  if (!/^\d{1,12}$/.test(sig.timestamp)) return 'stale_timestamp';
  if (Math.abs(now.getTime() / 1000 - Number(sig.timestamp)) > SIGNATURE_WINDOW_SECONDS) return 'stale_timestamp';
  const key = await findKey(sig.serial);
  if (!key) return 'unknown_serial';
  const message = Buffer.concat([Buffer.from(`${sig.timestamp}\n${sig.nonce}\n`, 'utf8'), body, Buffer.from('\n', 'utf8')]);
  return rsaVerify(message, sig.signature, key) ? undefined : 'bad_signature';
}

function rsaVerify(message: Buffer, signatureBase64: string, key: crypto.KeyObject): boolean {
  try {
    return crypto.createVerify('RSA-SHA256').update(message).verify(key, signatureBase64, 'base64');
  } catch {
    return false; // a signature that is not even well-formed is just a bad signature
  }
}

export type EncryptedResource = { algorithm?: unknown; ciphertext?: unknown; associated_data?: unknown; nonce?: unknown };

/**
 * AEAD_AES_256_GCM with the APIv3 key; `ciphertext` is base64(ciphertext ‖ 16-byte tag). `final()`
 * checks the tag, so a tampered ciphertext, nonce or associated_data throws — unlike the
 * library's decipher_gcm, which never calls final() and returns whatever the bytes decrypt to.
 */
export function decryptResource(apiV3Key: string, resource: EncryptedResource): string {
  const { algorithm, ciphertext, associated_data: associatedData = '', nonce } = resource;
  if (algorithm !== 'AEAD_AES_256_GCM') throw new Error(`unsupported algorithm ${String(algorithm)}`);
  if (typeof ciphertext !== 'string' || typeof nonce !== 'string' || typeof associatedData !== 'string')
    throw new Error('incomplete resource');
  const data = Buffer.from(ciphertext, 'base64');
  if (data.length < GCM_TAG_BYTES) throw new Error('ciphertext shorter than the GCM tag');
  const decipher = crypto.createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - GCM_TAG_BYTES));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - GCM_TAG_BYTES)), decipher.final()]).toString('utf8');
}

/** Serials compare case-insensitively and without leading zeros (tools print them differently). */
export function normalizeSerial(serial: string): string {
  return serial.trim().toUpperCase().replace(/^0+/, '');
}
