import type { SandboxState } from './state';

/**
 * Injected failures, so the BFF's retry, fallback and reconciliation paths can be exercised:
 * rate limits and risky-user errcodes from the mini-program APIs, 500s from WeChat Pay
 * ("refund fails twice then succeeds"), slow answers, and lost, duplicated or mis-signed
 * notifications. Each fault fires `times` times, then disappears.
 */

export const MINI_PROGRAM_APIS = ['jscode2session', 'token', 'stable_token', 'phone', 'subscribe', 'wxacode', 'urllink', 'scheme'] as const;
export const PAY_APIS = ['certificates', 'jsapi', 'query', 'close', 'refund', 'refund_query'] as const;
export type MiniProgramApi = (typeof MINI_PROGRAM_APIS)[number];
export type PayApi = (typeof PAY_APIS)[number];
export type FaultApi = MiniProgramApi | PayApi | 'notify';

export type FaultKind = 'errcode' | 'http_error' | 'delay' | 'drop' | 'duplicate' | 'bad_signature' | 'abnormal';

export type Fault = {
  id: number;
  api: FaultApi;
  kind: FaultKind;
  /**
   * errcode: the errcode (mini-program) or the error code string such as 'NOT_ENOUGH' (pay);
   * http_error: the HTTP status (default 500); delay: milliseconds; duplicate: copies (default 2).
   */
  value?: number | string;
  /** Optional message for pay errors (defaults from the error table). */
  message?: string;
  remaining: number;
};

export type FaultInput = { api: FaultApi; kind: FaultKind; value?: number | string; message?: string; times?: number };

/** Which kinds make sense for which API; anything else is a mistake in the test, reported as 400. */
const KINDS_BY_GROUP: Record<'mini' | 'pay' | 'notify', FaultKind[]> = {
  mini: ['errcode', 'http_error', 'delay'],
  pay: ['errcode', 'http_error', 'delay', 'bad_signature'],
  notify: ['drop', 'duplicate', 'bad_signature', 'delay'],
};

function groupOf(api: string): 'mini' | 'pay' | 'notify' | undefined {
  if ((MINI_PROGRAM_APIS as readonly string[]).includes(api)) return 'mini';
  if ((PAY_APIS as readonly string[]).includes(api)) return 'pay';
  if (api === 'notify') return 'notify';
  return undefined;
}

export type FaultParse = { ok: true; fault: FaultInput } | { ok: false; message: string };

export function parseFault(input: unknown): FaultParse {
  if (!input || typeof input !== 'object') return { ok: false, message: 'body must be a JSON object' };
  const { api, kind, value, message, times } = input as Record<string, unknown>;
  const group = typeof api === 'string' ? groupOf(api) : undefined;
  if (!group) return { ok: false, message: `unknown api ${String(api)}` };
  const allowed = [...KINDS_BY_GROUP[group], ...(api === 'refund' ? (['abnormal'] as FaultKind[]) : [])];
  if (typeof kind !== 'string' || !allowed.includes(kind as FaultKind)) {
    return { ok: false, message: `kind for ${String(api)} must be one of ${allowed.join(', ')}` };
  }
  if (value !== undefined && typeof value !== 'number' && typeof value !== 'string')
    return { ok: false, message: 'value must be a number or string' };
  if (kind === 'errcode' && value === undefined) return { ok: false, message: 'errcode faults need a value' };
  if (kind === 'delay' && typeof value !== 'number') return { ok: false, message: 'delay faults need value in milliseconds' };
  if (times !== undefined && (typeof times !== 'number' || !Number.isInteger(times) || times < 1)) {
    return { ok: false, message: 'times must be a positive integer' };
  }
  if (message !== undefined && typeof message !== 'string') return { ok: false, message: 'message must be a string' };
  return { ok: true, fault: { api: api as FaultApi, kind: kind as FaultKind, value, message, times: times as number | undefined } };
}

export class Faults {
  constructor(private readonly state: SandboxState) {}

  add(input: FaultInput): Fault {
    const fault: Fault = {
      id: this.state.nextFaultId++,
      api: input.api,
      kind: input.kind,
      value: input.value,
      message: input.message,
      remaining: input.times ?? 1,
    };
    this.state.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.state.faults.length = 0;
  }

  /** Consumes one firing of the oldest matching fault, if any. */
  take(api: FaultApi, kind: FaultKind): Fault | undefined {
    const fault = this.state.faults.find((f) => f.api === api && f.kind === kind && f.remaining > 0);
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.state.faults.splice(this.state.faults.indexOf(fault), 1);
    return fault;
  }
}
