import type { Fault } from './faults';

/**
 * Everything the sandbox remembers, in memory. Tests read it directly (`state.tokensIssued`),
 * browsers and other processes through the /sandbox/* controls.
 */

export type LoginCode = { openid: string; unionid?: string; issuedAt: number; used: boolean };

export type AccessToken = {
  token: string;
  /** cgi-bin/token and stable_token tokens live side by side and never invalidate each other. */
  kind: 'token' | 'stable';
  issuedAt: number;
  expiresAt: number;
  /** When a newer token of the same kind replaced it; see mini-program/tokens.ts for the grace. */
  replacedAt?: number;
  /** stable_token force_refresh kills the previous stable token at once. */
  revoked?: boolean;
};

export type PhoneCode = { openid: string; purePhoneNumber: string; countryCode: string; expiresAt: number; used: boolean };

export type SubscribeMessage = {
  msgid: number;
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  lang?: string;
  sentAt: string;
};

export type UrlLink = { kind: 'url_link' | 'scheme'; link: string; path?: string; query?: string; envVersion: string; expiresAt: number };

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'REFUND' | 'CLOSED';

export type Transaction = {
  appid: string;
  mchid: string;
  out_trade_no: string;
  description: string;
  attach?: string;
  notify_url: string;
  time_expire?: string;
  amount: { total: number; currency: string };
  payer: { openid: string };
  prepay_id: string;
  /** The exact prepay request, so a repeat with the same out_trade_no can be compared. */
  fingerprint: string;
  created_at: string;
  trade_state: TradeState;
  transaction_id?: string;
  success_time?: string;
  bank_type?: string;
};

export type RefundStatus = 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';

export type Refund = {
  refund_id: string;
  out_refund_no: string;
  transaction_id: string;
  out_trade_no: string;
  reason?: string;
  notify_url?: string;
  status: RefundStatus;
  create_time: string;
  success_time?: string;
  amount: { refund: number; total: number; currency: string };
  /** What it settles as after refundSettleMs: ABNORMAL when a fault asked for it. */
  settlesAs: 'SUCCESS' | 'ABNORMAL';
};

export type DeliveryAttempt = {
  attempt: number;
  /** 'probe' attempts are the deliberately mis-signed copies WeChat sends; they are never retried. */
  kind: 'delivery' | 'probe';
  at: string;
  /** HTTP status the receiver answered, or undefined when it could not be reached. */
  status?: number;
  error?: string;
  durationMs: number;
};

export type NotificationRecord = {
  /** The notification id in the body; duplicates share it, like WeChat's retries and duplicates do. */
  id: string;
  copy: number;
  event_type: string;
  url: string;
  out_trade_no: string;
  out_refund_no?: string;
  body: string;
  /** The decrypted resource, for debugging; receivers only ever see the ciphertext. */
  resource: Record<string, unknown>;
  status: 'pending' | 'delivered' | 'failed' | 'dropped';
  attempts: DeliveryAttempt[];
};

export type SandboxState = {
  /** Added to the wall clock: POST /sandbox/clock ages tokens and codes without waiting. */
  clockOffsetMs: number;
  loginCodes: Map<string, LoginCode>;
  accessTokens: Map<string, AccessToken>;
  currentToken?: string;
  currentStableToken?: string;
  /** Every access token ever issued; the BFF must cache tokens, so this should stay small. */
  tokensIssued: number;
  tokensIssuedByKind: { token: number; stable: number };
  /** Every jscode2session request that reached the sandbox, answered or not (tests of the BFF's login limits). */
  code2SessionCalls: number;
  phoneCodes: Map<string, PhoneCode>;
  /** Remaining one-time subscriptions, keyed by `${openid} ${templateId}`. */
  subscriptions: Map<string, number>;
  messages: SubscribeMessage[];
  urlLinks: UrlLink[];
  wxacodesIssued: number;
  transactions: Map<string, Transaction>;
  refunds: Map<string, Refund>;
  notifications: NotificationRecord[];
  faults: Fault[];
  nextMsgid: number;
  nextFaultId: number;
};

export function createState(): SandboxState {
  return {
    clockOffsetMs: 0,
    loginCodes: new Map(),
    accessTokens: new Map(),
    tokensIssued: 0,
    tokensIssuedByKind: { token: 0, stable: 0 },
    code2SessionCalls: 0,
    phoneCodes: new Map(),
    subscriptions: new Map(),
    messages: [],
    urlLinks: [],
    wxacodesIssued: 0,
    transactions: new Map(),
    refunds: new Map(),
    notifications: [],
    faults: [],
    nextMsgid: 2_000_000_001,
    nextFaultId: 1,
  };
}

/** Empties the state in place (references held by tests and handlers stay valid). */
export function resetState(state: SandboxState): void {
  Object.assign(state, createState());
}

export function subscriptionKey(openid: string, templateId: string): string {
  return `${openid} ${templateId}`;
}
