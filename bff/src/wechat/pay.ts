import WxPay from 'wechatpay-node-v3';
import { WechatPayError } from './pay-errors';
import { createPayHttp, verifyResponses, WECHATPAY_ORIGIN, CERTIFICATES_PATH, type PayOutput } from './pay-http';
import { decryptCertificates, PlatformCertificates, publicKeyMode, type PlatformKeys } from './pay-keys';
import { parseNotification, type NotificationRequest, type PayNotification } from './pay-notification';
import { shanghaiIso } from '../domain/shanghai';

export { NotificationRejected, WechatPayError, type RejectionReason } from './pay-errors';
export type { PayNotification } from './pay-notification';

export type WechatPayConfig = {
  apiBase: string;
  appid: string;
  mchid: string;
  /** The merchant API certificate's serial, as WeChat's console shows it. */
  merchantSerial: string;
  merchantPrivateKey: string;
  merchantCert: string;
  /** 32 characters; the AES-256-GCM key of notifications and certificates. */
  apiV3Key: string;
  /** Public-key mode (merchants since late 2024): both set. Certificate mode: both unset. */
  platformPublicKey?: string;
  platformPublicKeyId?: string;
  notifyUrl: string;
  refundNotifyUrl: string;
  timeoutMs?: number;
  /** The app's clock (deps.now in production): signature timestamps are checked against it. */
  clock: () => Date;
};

/** Exactly what Taro.requestPayment takes. */
export type RequestPaymentParams = { timeStamp: string; nonceStr: string; package: string; signType: 'RSA'; paySign: string };

export type PayTransaction = {
  outTradeNo: string;
  transactionId?: string;
  /** SUCCESS, REFUND, NOTPAY, CLOSED, REVOKED, USERPAYING or PAYERROR, as WeChat says it. */
  tradeState: string;
  amountFen: number;
  payerOpenid?: string;
  /** RFC 3339 with +08:00, as WeChat sends it. */
  successTime?: string;
  appid: string;
  mchid: string;
  attach?: string;
};

export type RefundStatus = 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';
export type PayRefund = {
  outRefundNo: string;
  refundId: string;
  outTradeNo: string;
  transactionId: string;
  /** ABNORMAL is not final (the money can still be sent another way); PROCESSING settles later. */
  status: RefundStatus;
  refundFen: number;
  successTime?: string;
};

export interface WechatPay {
  /**
   * JSAPI prepay; returns exactly the Taro.requestPayment params plus the prepay id. Idempotent
   * on outTradeNo: the same parameters (expiresAt included) give the same prepay_id.
   */
  prepay(input: {
    outTradeNo: string;
    description: string;
    amountFen: number;
    payerOpenid: string;
    expiresAt: Date;
    attach?: string;
  }): Promise<RequestPaymentParams & { prepayId: string }>;
  /** Throws WechatPayError ORDER_NOT_EXIST (404) when WeChat never saw the order. */
  query(outTradeNo: string): Promise<PayTransaction>;
  /** Idempotent; a paid (or refunded) order is 'already_paid'. Throws ORDER_NOT_EXIST for an order never prepaid. */
  close(outTradeNo: string): Promise<'closed' | 'already_paid'>;
  /** Idempotent on outRefundNo: retrying with the same parameters returns the same refund. */
  refund(input: { outTradeNo: string; outRefundNo: string; refundFen: number; totalFen: number; reason?: string }): Promise<PayRefund>;
  queryRefund(outRefundNo: string): Promise<PayRefund>;
  /**
   * Verifies and decrypts a payment or refund notification from the raw request. Throws
   * NotificationRejected (answer 4xx) or, when we could not check it, WechatPayError (answer 5xx).
   * `now` must be the real wall clock: WeChat signs with real time.
   */
  parseNotification(input: NotificationRequest): Promise<PayNotification>;
}

/** WeChat's field rules; checked here too because the library puts them into URL paths unescaped. */
const OUT_TRADE_NO = /^[A-Za-z0-9_\-|*]{6,32}$/;
const OUT_REFUND_NO = /^[A-Za-z0-9_\-|*@]{1,64}$/;

/**
 * The production WeChat Pay v3 adapter over the official wechatpay-node-v3 client, which builds
 * and signs the requests. The base URL is the only thing that differs in dev and tests.
 */
export function createWechatPay(config: WechatPayConfig): WechatPay {
  const client = new WxPay({
    appid: config.appid,
    mchid: config.mchid,
    // Explicit: the library would otherwise derive it from the certificate, in lowercase.
    serial_no: config.merchantSerial,
    // The library insists on the merchant certificate even though it only needs the serial.
    publicKey: Buffer.from(config.merchantCert),
    privateKey: Buffer.from(config.merchantPrivateKey),
    key: config.apiV3Key,
    userAgent: 'shop-bff wechatpay-node-v3/2.2.1',
  });
  const keys = platformKeys(config, client);
  client.createHttp(
    createPayHttp({
      apiBase: config.apiBase,
      timeoutMs: config.timeoutMs ?? 10_000,
      check: verifyResponses(keys, config.apiV3Key, config.clock),
    }),
  );

  return {
    prepay: (input) => prepay(client, config, input),
    query: async (outTradeNo) =>
      toPayTransaction(await succeed<WxTransaction>('query', client.query({ out_trade_no: checked(outTradeNo, OUT_TRADE_NO) }))),
    close: async (outTradeNo) => close(client, checked(outTradeNo, OUT_TRADE_NO)),
    refund: (input) => refund(client, config, input),
    queryRefund: async (outRefundNo) =>
      toPayRefund(await succeed<WxRefund>('refund_query', client.find_refunds(checked(outRefundNo, OUT_REFUND_NO)))),
    parseNotification: (input) => parseNotification(keys, config.apiV3Key, input, config.clock),
  };
}

function platformKeys(config: WechatPayConfig, client: WxPay): PlatformKeys {
  if (config.platformPublicKey && config.platformPublicKeyId) return publicKeyMode(config.platformPublicKeyId, config.platformPublicKey);
  if (config.platformPublicKey || config.platformPublicKeyId)
    throw new Error('WeChat Pay public-key mode needs both the public key and its PUB_KEY_ID');
  // downloadBill is the library's one public "signed GET of a URL". get_certificates would decrypt
  // without checking the GCM tag and hide WeChat's error behind a generic Error.
  return new PlatformCertificates(async () =>
    decryptCertificates(await succeed('certificates', client.downloadBill(`${WECHATPAY_ORIGIN}${CERTIFICATES_PATH}`)), config.apiV3Key),
  );
}

type JsapiParams = { appId?: string; timeStamp?: string; nonceStr?: string; package?: string; paySign?: string };

async function prepay(client: WxPay, config: WechatPayConfig, input: Parameters<WechatPay['prepay']>[0]) {
  const params = await succeed<JsapiParams>(
    'jsapi',
    client.transactions_jsapi({
      description: input.description,
      out_trade_no: checked(input.outTradeNo, OUT_TRADE_NO),
      time_expire: beijingTime(input.expiresAt),
      attach: input.attach,
      notify_url: config.notifyUrl,
      amount: { total: input.amountFen, currency: 'CNY' },
      payer: { openid: input.payerOpenid },
    }),
  );
  // The library replaces WeChat's {prepay_id} with signed requestPayment params (appId included, which Taro does not take).
  const prepayId = params.package?.startsWith('prepay_id=') ? params.package.slice('prepay_id='.length) : '';
  if (!prepayId || !params.timeStamp || !params.nonceStr || !params.paySign)
    throw new WechatPayError(200, 'BAD_RESPONSE', 'jsapi: answer has no prepay_id');
  return {
    timeStamp: params.timeStamp,
    nonceStr: params.nonceStr,
    package: params.package!,
    signType: 'RSA' as const,
    paySign: params.paySign,
    prepayId,
  };
}

async function close(client: WxPay, outTradeNo: string): Promise<'closed' | 'already_paid'> {
  try {
    await succeed('close', client.close(outTradeNo));
    return 'closed';
  } catch (err) {
    // Only signature-verified answers get here with WeChat's code, so ORDERPAID cannot be forged.
    if (err instanceof WechatPayError && err.code === 'ORDERPAID') return 'already_paid';
    if (err instanceof WechatPayError && err.code === 'ORDER_CLOSED') return 'closed';
    throw err;
  }
}

async function refund(client: WxPay, config: WechatPayConfig, input: Parameters<WechatPay['refund']>[0]): Promise<PayRefund> {
  const data = await succeed<WxRefund>(
    'refund',
    client.refunds({
      out_trade_no: checked(input.outTradeNo, OUT_TRADE_NO),
      out_refund_no: checked(input.outRefundNo, OUT_REFUND_NO),
      reason: input.reason,
      notify_url: config.refundNotifyUrl,
      amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
    }),
  );
  return toPayRefund(data);
}

/** The library resolves with `{status, data}` or `{status, error}`; anything but 2xx becomes a WechatPayError. */
async function succeed<T>(api: string, call: Promise<PayOutput | { status: number; data?: unknown; error?: unknown }>): Promise<T> {
  const output = (await call) as PayOutput;
  if (output.status >= 200 && output.status < 300) return output.data as T;
  const body = parseErrorBody(output.error);
  const code = body?.code ?? 'HTTP_ERROR';
  const message = `${api}: ${output.status} ${code}${body?.message ? ` ${body.message}` : ''}`;
  throw new WechatPayError(output.status, code, message, body?.detail, output.requestId);
}

function parseErrorBody(text: unknown): { code?: string; message?: string; detail?: unknown } | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown; detail?: unknown };
    return {
      code: typeof body.code === 'string' ? body.code : undefined,
      message: typeof body.message === 'string' ? body.message : undefined,
      detail: body.detail,
    };
  } catch {
    return undefined;
  }
}

function checked(value: string, rule: RegExp): string {
  if (!rule.test(value)) throw new RangeError(`not a valid WeChat Pay order or refund number: ${JSON.stringify(value)}`);
  return value;
}

/** RFC 3339 in Beijing time, second precision, so the same Date always gives the same prepay request. */
function beijingTime(date: Date): string {
  return `${shanghaiIso(date)}+08:00`;
}

type WxTransaction = {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_state: string;
  success_time?: string;
  attach?: string;
  payer?: { openid?: string };
  amount?: { total?: number };
};

/** The query-order shape (also the plaintext of TRANSACTION.SUCCESS notifications) in our terms. */
export function toPayTransaction(resource: Record<string, unknown> | WxTransaction): PayTransaction {
  const wx = resource as WxTransaction;
  return {
    outTradeNo: wx.out_trade_no,
    transactionId: wx.transaction_id || undefined,
    tradeState: wx.trade_state,
    amountFen: wx.amount?.total ?? 0,
    payerOpenid: wx.payer?.openid || undefined,
    successTime: wx.success_time || undefined,
    appid: wx.appid,
    mchid: wx.mchid,
    attach: wx.attach || undefined,
  };
}

type WxRefund = {
  refund_id: string;
  out_refund_no: string;
  out_trade_no: string;
  transaction_id: string;
  status: RefundStatus;
  success_time?: string;
  amount: { refund: number };
};

function toPayRefund(wx: WxRefund): PayRefund {
  return {
    outRefundNo: wx.out_refund_no,
    refundId: wx.refund_id,
    outTradeNo: wx.out_trade_no,
    transactionId: wx.transaction_id,
    status: wx.status,
    refundFen: wx.amount?.refund,
    successTime: wx.success_time || undefined,
  };
}
