import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generate } from 'selfsigned';
import { randomAlphanumeric, randomDigits } from './ids';

/**
 * Everything a merchant and WeChat share: the mini-program's appid/secret, the merchant number,
 * the APIv3 key, the merchant's API certificate (the BFF signs requests with its key, the sandbox
 * verifies them with its cert) and WeChat Pay's platform key (the sandbox signs responses and
 * notifications with it; the BFF verifies with the platform cert or the platform public key).
 * Generated locally, never committed: the repo holds no keys.
 */
export type SandboxCredentials = {
  appid: string;
  appSecret: string;
  mchid: string;
  /** 32 ASCII characters: WeChat uses the raw bytes as the AES-256-GCM key. */
  apiV3Key: string;
  merchant: { privateKeyPem: string; certPem: string; /** uppercase hex, as WeChat shows it */ serialNo: string };
  platform: {
    privateKeyPem: string;
    certPem: string;
    serialNo: string;
    /** `PUB_KEY_ID_` + digits: the Wechatpay-Serial WeChat sends in public-key mode. */
    publicKeyId: string;
    publicKeyPem: string;
  };
};

export type PayMode = 'certificate' | 'public_key';

const FILE_NAME = 'credentials.json';
/** Regenerate cached certificates this long before they expire, so a dev box never hits expiry. */
const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;
/** WeChat's merchant API certificates and platform certificates are valid for five years. */
const CERT_LIFETIME_MS = 5 * 365 * 24 * 3600 * 1000;

/** Fresh credentials with random secrets and newly generated RSA-2048 keys and certificates. */
export async function generateCredentials(): Promise<SandboxCredentials> {
  const mchid = `1${randomDigits(9)}`;
  const [merchant, platform] = await Promise.all([
    selfSignedCert(`${mchid}_merchant`, `Sandbox merchant ${mchid}`),
    selfSignedCert('Tenpay.com Root CA sandbox', 'Tenpay.com'),
  ]);
  return {
    appid: `wx${crypto.randomBytes(8).toString('hex')}`,
    appSecret: crypto.randomBytes(16).toString('hex'),
    mchid,
    apiV3Key: randomAlphanumeric(32),
    merchant,
    platform: {
      ...platform,
      publicKeyId: `PUB_KEY_ID_01${mchid}${randomDigits(18)}`,
      publicKeyPem: crypto.createPublicKey(platform.certPem).export({ type: 'spki', format: 'pem' }).toString(),
    },
  };
}

/**
 * Loads the credentials cached in `dir`, or generates and caches them. Reusing them across runs
 * matters: the BFF's env and any paid orders in a dev database stay valid between restarts.
 */
export async function loadOrCreateCredentials(dir: string): Promise<SandboxCredentials> {
  const file = path.join(dir, FILE_NAME);
  const cached = readCached(file);
  if (cached) return cached;
  const fresh = await generateCredentials();
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(fresh, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return fresh;
}

/** The env vars the BFF reads to talk to this sandbox (PEMs keep their real newlines). */
export function credentialsEnv(creds: SandboxCredentials, payMode: PayMode): Record<string, string> {
  const env: Record<string, string> = {
    WECHAT_APPID: creds.appid,
    WECHAT_APP_SECRET: creds.appSecret,
    WECHATPAY_MCHID: creds.mchid,
    WECHATPAY_MERCHANT_SERIAL: creds.merchant.serialNo,
    WECHATPAY_MERCHANT_PRIVATE_KEY: creds.merchant.privateKeyPem,
    WECHATPAY_MERCHANT_CERT: creds.merchant.certPem,
    WECHATPAY_APIV3_KEY: creds.apiV3Key,
  };
  if (payMode === 'public_key') {
    env.WECHATPAY_PLATFORM_PUBLIC_KEY = creds.platform.publicKeyPem;
    env.WECHATPAY_PLATFORM_PUBLIC_KEY_ID = creds.platform.publicKeyId;
  }
  return env;
}

async function selfSignedCert(commonName: string, organization: string) {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate(
    [
      { name: 'commonName', value: commonName },
      { name: 'organizationName', value: organization },
      { name: 'countryName', value: 'CN' },
    ],
    {
      keySize: 2048,
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate: new Date(notBeforeDate.getTime() + CERT_LIFETIME_MS),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, keyEncipherment: true, critical: true },
      ],
    },
  );
  // Node prints serials as uppercase hex, the way WeChat's console and headers show them.
  return { privateKeyPem: pems.private, certPem: pems.cert, serialNo: new crypto.X509Certificate(pems.cert).serialNumber };
}

function readCached(file: string): SandboxCredentials | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as SandboxCredentials;
    if (!isUsable(parsed)) return undefined;
    return parsed;
  } catch {
    return undefined; // a corrupt cache is simply regenerated
  }
}

function isUsable(c: SandboxCredentials): boolean {
  if (!c || typeof c.appid !== 'string' || typeof c.apiV3Key !== 'string' || c.apiV3Key.length !== 32) return false;
  if (!c.merchant?.privateKeyPem || !c.platform?.privateKeyPem || !c.platform.publicKeyId) return false;
  for (const certPem of [c.merchant.certPem, c.platform.certPem]) {
    const cert = new crypto.X509Certificate(certPem);
    if (new Date(cert.validTo).getTime() - Date.now() < RENEW_BEFORE_MS) return false;
  }
  return true;
}
