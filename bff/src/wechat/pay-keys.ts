import crypto from 'node:crypto';
import { decryptResource, normalizeSerial } from './pay-crypto';

/**
 * The keys WeChat Pay signs responses and notifications with, by Wechatpay-Serial. A merchant has
 * either a WeChat Pay public key (serial `PUB_KEY_ID_…`, configured) or platform certificates
 * (downloaded from /v3/certificates, which is itself encrypted with the APIv3 key).
 */
export interface PlatformKeys {
  /** `refresh: false` only looks at what is known (used while downloading certificates). */
  find(serial: string, options?: { refresh?: boolean }): Promise<crypto.KeyObject | undefined>;
}

/** Public-key mode: one configured key; any other serial is unknown (there is nothing to download). */
export function publicKeyMode(publicKeyId: string, publicKeyPem: string): PlatformKeys {
  const id = normalizeSerial(publicKeyId);
  const key = crypto.createPublicKey(publicKeyPem);
  return { find: async (serial) => (normalizeSerial(serial) === id ? key : undefined) };
}

export type CertificateKeys = Map<string, crypto.KeyObject>;

/**
 * Certificate mode: the certificates are cached in memory and downloaded again when a serial we
 * do not know appears (WeChat rotates them, overlapping old and new). Downloads are single-flight,
 * and after a successful one an unknown serial triggers no new download for `minRefreshMs`, so a
 * flood of forged notifications cannot turn into a flood of calls to WeChat.
 */
export class PlatformCertificates implements PlatformKeys {
  private keys: CertificateKeys = new Map();
  private loading: Promise<void> | undefined;
  private loadedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly download: () => Promise<CertificateKeys>,
    private readonly minRefreshMs = 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  async find(serial: string, options: { refresh?: boolean } = {}): Promise<crypto.KeyObject | undefined> {
    const known = this.keys.get(normalizeSerial(serial));
    if (known || options.refresh === false) return known;
    await this.refresh();
    return this.keys.get(normalizeSerial(serial));
  }

  /** A failed download propagates (the caller's call or notification fails and is retried); the old keys stay. */
  private refresh(): Promise<void> {
    if (this.loading) return this.loading;
    if (this.clock() - this.loadedAt < this.minRefreshMs) return Promise.resolve();
    this.loading = this.download()
      .then((keys) => {
        this.keys = keys;
        this.loadedAt = this.clock();
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}

type CertificateListing = { data?: { serial_no?: unknown; encrypt_certificate?: Record<string, unknown> }[] };

/**
 * The /v3/certificates answer, decrypted with our own AES-256-GCM (associated_data "certificate").
 * Throws when any entry fails its GCM tag or is not the certificate its serial_no claims.
 */
export function decryptCertificates(listing: unknown, apiV3Key: string): CertificateKeys {
  const entries = (listing as CertificateListing | undefined)?.data;
  if (!Array.isArray(entries)) throw new Error('certificate listing without data');
  const keys: CertificateKeys = new Map();
  for (const entry of entries) {
    const cert = new crypto.X509Certificate(decryptResource(apiV3Key, entry.encrypt_certificate ?? {}));
    const serial = normalizeSerial(String(entry.serial_no));
    if (normalizeSerial(cert.serialNumber) !== serial) throw new Error(`certificate serial does not match ${serial}`);
    keys.set(serial, cert.publicKey);
  }
  return keys;
}
