import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { PayMode, SandboxCredentials } from './credentials';
import type { Faults } from './faults';
import { wechatTime } from './ids';
import type { Scheduler } from './scheduler';
import { encryptResource, platformSignatureHeaders, signatureClock } from './signing';
import type { DeliveryAttempt, NotificationRecord, SandboxState } from './state';

/**
 * WeChat Pay's callback notifications: encrypted with the APIv3 key, signed with the platform
 * key, POSTed to notify_url and retried on WeChat's schedule until the receiver answers 2xx.
 */

/** Seconds between attempts after a failure: 15s,15s,30s,3m,10m,20m,30m,30m,30m,60m,3h,3h,3h,6h,6h. */
export const RETRY_SCHEDULE_SECONDS = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600];
/** WeChat gives the receiver a few seconds before counting the attempt as failed [unverified: exact value]. */
const RECEIVER_TIMEOUT_MS = 5000;

export type NotificationEvent = {
  eventType: 'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS' | 'REFUND.ABNORMAL' | 'REFUND.CLOSED';
  summary: string;
  originalType: 'transaction' | 'refund';
  url: string;
  resource: Record<string, unknown>;
  out_trade_no: string;
  out_refund_no?: string;
};

export type NotifierDeps = {
  creds: SandboxCredentials;
  payMode: PayMode;
  state: SandboxState;
  faults: Faults;
  scheduler: Scheduler;
  timeScale: number;
  now: () => Date;
};

export class Notifier {
  constructor(private readonly deps: NotifierDeps) {}

  /** Builds the notification and starts delivering it (in the background); returns the records. */
  send(event: NotificationEvent): NotificationRecord[] {
    const { creds, faults, state } = this.deps;
    const envelope = {
      id: crypto.randomUUID(),
      create_time: wechatTime(this.deps.now()),
      resource_type: 'encrypt-resource',
      event_type: event.eventType,
      summary: event.summary,
      resource: {
        original_type: event.originalType,
        ...encryptResource(creds.apiV3Key, event.originalType, JSON.stringify(event.resource)),
      },
    };
    const body = JSON.stringify(envelope);
    const dropped = faults.take('notify', 'drop');
    const duplicate = dropped ? undefined : faults.take('notify', 'duplicate');
    const probe = dropped ? undefined : faults.take('notify', 'bad_signature');
    const delay = dropped ? undefined : faults.take('notify', 'delay');
    const copies = duplicate ? Math.max(2, Number(duplicate.value ?? 2)) : 1;

    const records: NotificationRecord[] = [];
    for (let copy = 0; copy < copies; copy++) {
      const record: NotificationRecord = {
        id: envelope.id,
        copy,
        event_type: event.eventType,
        url: event.url,
        out_trade_no: event.out_trade_no,
        out_refund_no: event.out_refund_no,
        body,
        resource: event.resource,
        status: dropped ? 'dropped' : 'pending',
        attempts: [],
      };
      state.notifications.push(record);
      records.push(record);
    }
    if (dropped) return records;

    const start = async () => {
      // A probe goes first, like WeChat's signature probes: a correct receiver rejects it.
      if (probe) await this.post(records[0], 'probe');
      for (const record of records) void this.attempt(record);
    };
    const delayMs = delay ? Number(delay.value) : 0;
    if (delayMs > 0) this.deps.scheduler.after(delayMs, () => void start());
    else void start();
    return records;
  }

  private async attempt(record: NotificationRecord): Promise<void> {
    if (this.deps.scheduler.isClosed) return;
    const result = await this.post(record, 'delivery');
    if (result.status !== undefined && result.status >= 200 && result.status < 300) {
      record.status = 'delivered';
      return;
    }
    const failures = record.attempts.filter((a) => a.kind === 'delivery').length;
    if (failures > RETRY_SCHEDULE_SECONDS.length) {
      record.status = 'failed';
      return;
    }
    const waitMs = RETRY_SCHEDULE_SECONDS[failures - 1] * 1000 * this.deps.timeScale;
    this.deps.scheduler.after(waitMs, () => void this.attempt(record));
  }

  /** One POST; records the attempt. Signed afresh each time (new timestamp and nonce), same body. */
  private async post(record: NotificationRecord, kind: DeliveryAttempt['kind']): Promise<DeliveryAttempt> {
    const { creds, payMode, scheduler } = this.deps;
    const headers = {
      ...platformSignatureHeaders(creds, payMode, record.body, signatureClock(), kind === 'probe' ? 'probe' : undefined),
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(record.body).toString(),
      'User-Agent': 'Mozilla/4.0',
    };
    const started = Date.now();
    const attempt: DeliveryAttempt = {
      attempt: record.attempts.length + 1,
      kind,
      at: new Date(started).toISOString(),
      durationMs: 0,
    };
    try {
      attempt.status = await postOnce(record.url, headers, record.body, scheduler);
    } catch (err) {
      attempt.error = err instanceof Error ? err.message : String(err);
    }
    attempt.durationMs = Date.now() - started;
    record.attempts.push(attempt);
    return attempt;
  }
}

/** A single POST without keep-alive (no sockets linger after close()); resolves to the status. */
function postOnce(url: string, headers: Record<string, string>, body: string, scheduler: Scheduler): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const transport = target.protocol === 'https:' ? https : http;
    const req = transport.request(target, { method: 'POST', headers, agent: false, timeout: RECEIVER_TIMEOUT_MS }, (res) => {
      res.resume(); // WeChat only looks at the status code
      res.on('end', () => {
        untrack();
        resolve(res.statusCode ?? 0);
      });
      res.on('error', (err) => {
        untrack();
        reject(err);
      });
    });
    const untrack = scheduler.track(() => req.destroy(new Error('sandbox closed')));
    req.on('timeout', () => req.destroy(new Error(`receiver did not answer within ${RECEIVER_TIMEOUT_MS} ms`)));
    req.on('error', (err) => {
      untrack();
      reject(err);
    });
    req.end(body);
  });
}
