import { checkSignature, decryptResource, readSignature } from './pay-crypto';
import { NotificationRejected } from './pay-errors';
import type { PlatformKeys } from './pay-keys';

export type NotificationRequest = { headers: Record<string, string | string[] | undefined>; rawBody: string; now?: Date };

/** A verified WeChat Pay callback with its resource decrypted (the query-order shape, or the refund shape). */
export type PayNotification = {
  id: string;
  /** TRANSACTION.SUCCESS, REFUND.SUCCESS, REFUND.ABNORMAL, REFUND.CLOSED */
  eventType: string;
  resourceType: string;
  summary?: string;
  createTime?: string;
  /** "transaction" or "refund" */
  originalType?: string;
  resource: Record<string, unknown>;
};

type Envelope = {
  id?: unknown;
  event_type?: unknown;
  resource_type?: unknown;
  summary?: unknown;
  create_time?: unknown;
  resource?: { original_type?: unknown } & Record<string, unknown>;
};

/**
 * Verifies the signature over the body exactly as received (parsing and re-serialising would
 * change the bytes), then decrypts the resource with a GCM tag check. The order matters: nothing
 * is parsed, let alone decrypted, before the signature holds.
 */
export async function parseNotification(
  keys: PlatformKeys,
  apiV3Key: string,
  request: NotificationRequest,
  clock: () => Date,
): Promise<PayNotification> {
  const signature = readSignature((name) => headerValue(request.headers, name));
  if (!signature) throw new NotificationRejected('bad_signature', 'notification is not signed');
  const problem = await checkSignature(
    signature,
    Buffer.from(request.rawBody, 'utf8'),
    (serial) => keys.find(serial),
    request.now ?? clock(),
  );
  if (problem) throw new NotificationRejected(problem, `notification rejected: ${problem}`);
  const envelope = parseJson<Envelope>(request.rawBody, 'notification body');
  if (typeof envelope.id !== 'string' || typeof envelope.event_type !== 'string' || !envelope.resource) {
    throw new NotificationRejected('malformed', 'notification lacks id, event_type or resource');
  }
  return {
    id: envelope.id,
    eventType: envelope.event_type,
    resourceType: String(envelope.resource_type ?? ''),
    summary: optionalString(envelope.summary),
    createTime: optionalString(envelope.create_time),
    originalType: optionalString(envelope.resource.original_type),
    resource: parseJson<Record<string, unknown>>(decrypt(apiV3Key, envelope.resource), 'decrypted resource'),
  };
}

function decrypt(apiV3Key: string, resource: Record<string, unknown>): string {
  try {
    return decryptResource(apiV3Key, resource);
  } catch (err) {
    throw new NotificationRejected('bad_ciphertext', `resource does not decrypt: ${(err as Error).message}`);
  }
}

function parseJson<T>(text: string, what: string): T {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as T;
  } catch {
    // reported below
  }
  throw new NotificationRejected('malformed', `${what} is not a JSON object`);
}

/** Header names are case-insensitive; a repeated signing header is not something WeChat sends. */
function headerValue(headers: NotificationRequest['headers'], name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;
  }
  return undefined;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
