import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isScanCancelled, scan } from '../../platform/scan';
import { errorMessage, isApiError } from '../../services/errors';
import {
  createTillSale,
  getTillDaySummary,
  quoteTillSale,
  resolveMemberCode,
  type PayMethod,
  type TillMember,
  type TillDaySummary,
  type TillQuote,
  type TillSale,
} from '../../services/staff';
import { newIdempotencyKey } from '../../utils/checkout';
import { COUPON_CODE_LENGTH, couponCodeInput, isCouponCode } from '../../utils/coupon';
import { formatFen } from '../../utils/money';
import {
  basketItems,
  linesFromQuote,
  memberCodeInput,
  parseItemCode,
  parseMemberCode,
  payMethodLabel,
  withQty,
  type ItemCode,
  type TillLine,
} from '../../utils/till';

type TodayState = { status: 'loading' } | { status: 'error' } | { status: 'ready'; summary: TillDaySummary };

/** Lines as a comparable key: a quote is current only for the basket it priced. */
const basketKey = (lines: TillLine[]) => lines.map((line) => `${line.skuId}x${line.qty}`).join(',');

/**
 * 收银台: the customer (optional, from their 会员码), the basket priced by the BFF after every
 * change, the pay method, and the sale. The page never computes a price; one Idempotency-Key per
 * sale attempt makes a double tap or a retry after a lost answer ring up once.
 */
export function useTill(storeId: number) {
  const [member, setMember] = useState<TillMember | null>(null);
  const [memberCode, setMemberCodeState] = useState('');
  const [memberBusy, setMemberBusy] = useState(false);
  const [memberError, setMemberError] = useState<string | null>(null);

  const [lines, setLines] = useState<TillLine[]>([]);
  const [quote, setQuote] = useState<TillQuote | null>(null);
  const [quotedKey, setQuotedKey] = useState('');
  const [quoting, setQuoting] = useState(false);
  const [quoteError, setQuoteError] = useState<string | null>(null);

  const [itemCode, setItemCodeState] = useState('');
  const [itemError, setItemError] = useState<string | null>(null);

  const [payMethod, setPayMethod] = useState<PayMethod>('offline_wechat');
  const [submitting, setSubmitting] = useState(false);
  const [sale, setSale] = useState<TillSale | null>(null);

  // 优惠券: the customer's 券码 (到店使用), priced into every quote once applied.
  const [couponInput, setCouponInputState] = useState('');
  const [couponCode, setCouponCodeState] = useState<string | null>(null);
  const [couponError, setCouponError] = useState<string | null>(null);
  const couponRef = useRef<string | null>(null);

  const generation = useRef(0);
  const saleKey = useRef<string | null>(null);

  // 今日收银, read when the till opens and again after each sale.
  const [today, setToday] = useState<TodayState>({ status: 'loading' });
  const reloadToday = useCallback(() => {
    getTillDaySummary(storeId, { silent: true }).then(
      (summary) => setToday({ status: 'ready', summary }),
      () => setToday((previous) => (previous.status === 'ready' ? previous : { status: 'error' })),
    );
  }, [storeId]);
  useEffect(reloadToday, [reloadToday]);

  /** The coupon to price with from now on (null: none). */
  const holdCoupon = useCallback((code: string | null) => {
    couponRef.current = code;
    setCouponCodeState(code);
  }, []);

  /** Prices `next` (plus one unit of `extra`); on success the basket becomes what the quote says. */
  const price: (next: TillLine[], who: TillMember | null, extra?: ItemCode) => Promise<boolean> = useCallback(
    async (next: TillLine[], who: TillMember | null, extra?: ItemCode): Promise<boolean> => {
      const current = ++generation.current;
      if (next.length === 0 && !extra) {
        setLines([]);
        setQuote(null);
        setQuotedKey('');
        setQuoting(false);
        setQuoteError(null);
        return true;
      }
      setQuoting(true);
      try {
        const coupon = couponRef.current;
        const priced = await quoteTillSale(
          { storeId, items: basketItems(next, extra), memberId: who?.id, ...(coupon ? { couponCode: coupon } : {}) },
          { silent: true },
        );
        if (current !== generation.current) return true;
        const basket = linesFromQuote(priced);
        setLines(basket);
        setQuote(priced);
        setQuotedKey(basketKey(basket));
        setQuoteError(null);
        return true;
      } catch (error) {
        if (current !== generation.current) return false;
        if (isApiError(error) && error.code === 'MEMBER_NOT_RESOLVED') {
          // The member scan is older than 10 minutes: price without them and ask for a new scan.
          setMember(null);
          setMemberError('会员识别已过期，请让顾客刷新会员码后重新识别');
          void price(next, null, extra);
          return false;
        }
        if (couponRef.current && isApiError(error) && /^COUPON_/.test(error.code)) {
          // The 券码 is wrong, used or has expired (codes live 60 s): price without it, ask again.
          holdCoupon(null);
          setCouponError(error.message);
          void price(next, who, extra);
          return false;
        }
        if (extra && isApiError(error) && error.status === 404) {
          setItemError('未找到该商品，请核对条码或商品编号');
        } else if (extra && isApiError(error) && error.code === 'PRODUCT_OFF_SHELF') {
          setItemError(error.message);
        } else {
          setQuoteError(errorMessage(error));
        }
        return false;
      } finally {
        if (current === generation.current) setQuoting(false);
      }
    },
    [storeId, holdCoupon],
  );

  const setMemberCode = useCallback((text: string) => {
    setMemberCodeState(memberCodeInput(text));
    setMemberError(null);
  }, []);

  const identify = useCallback(
    (text: string) => {
      const code = parseMemberCode(text);
      if (!code) {
        setMemberError('会员码为 18 位数字，请扫描或输入顾客「会员码」页的数字');
        return;
      }
      setMemberBusy(true);
      setMemberError(null);
      resolveMemberCode(code, { silent: true })
        .then(
          (found) => {
            setMember(found);
            setMemberCodeState('');
            void price(lines, found);
          },
          (error: unknown) => setMemberError(errorMessage(error)),
        )
        .finally(() => setMemberBusy(false));
    },
    [lines, price],
  );

  const scanMember = useCallback(() => {
    scan().then(identify, (error: unknown) => {
      if (!isScanCancelled(error)) setMemberError(errorMessage(error));
    });
  }, [identify]);

  const removeMember = useCallback(() => {
    setMember(null);
    void price(lines, null);
  }, [lines, price]);

  const setItemCode = useCallback((text: string) => {
    setItemCodeState(text.replace(/\s+/g, '').slice(0, 32));
    setItemError(null);
  }, []);

  const addItem = useCallback(
    (text: string) => {
      const code = parseItemCode(text);
      if (!code) {
        setItemError('请扫描商品条码，或输入条码 / 商品编号');
        return;
      }
      setItemError(null);
      void price(lines, member, code).then((ok) => {
        if (ok) setItemCodeState('');
      });
    },
    [lines, member, price],
  );

  const scanItem = useCallback(() => {
    scan('barcode').then(addItem, (error: unknown) => {
      if (!isScanCancelled(error)) setItemError(errorMessage(error));
    });
  }, [addItem]);

  const changeQty = useCallback(
    (skuId: number, qty: number) => {
      const next = withQty(lines, skuId, qty);
      setLines(next);
      void price(next, member);
    },
    [lines, member, price],
  );

  const setCouponInput = useCallback((text: string) => {
    setCouponInputState(couponCodeInput(text));
    setCouponError(null);
  }, []);

  /** 使用: prices the basket with the customer's 券码. */
  const applyCoupon = useCallback(
    (text: string) => {
      const code = couponCodeInput(text);
      if (!isCouponCode(code)) {
        setCouponError(`券码为 ${COUPON_CODE_LENGTH} 位数字，请扫描或输入顾客「我的优惠券 › 到店使用」的券码`);
        return;
      }
      setCouponError(null);
      holdCoupon(code);
      setCouponInputState('');
      void price(lines, member);
    },
    [holdCoupon, lines, member, price],
  );

  const scanCoupon = useCallback(() => {
    scan().then(applyCoupon, (error: unknown) => {
      if (!isScanCancelled(error)) setCouponError(errorMessage(error));
    });
  }, [applyCoupon]);

  const removeCoupon = useCallback(() => {
    holdCoupon(null);
    setCouponError(null);
    void price(lines, member);
  }, [holdCoupon, lines, member, price]);

  const fresh = quote !== null && quotedKey === basketKey(lines) && !quoting;
  const canSubmit = fresh && lines.length > 0 && quote.inStock && !submitting;

  const submit = useCallback(() => {
    if (!canSubmit || !quote) return;
    const payable = quote.payableFen;
    void Taro.showModal({
      title: '确认收款',
      content: `请确认已向顾客收取 ¥${formatFen(payable)}（${payMethodLabel(payMethod)}）`,
      confirmText: '确认收款',
      cancelText: '取消',
      confirmColor: '#e93b3d',
    }).then(async ({ confirm }) => {
      if (!confirm) return;
      setSubmitting(true);
      saleKey.current ??= newIdempotencyKey();
      try {
        const coupon = couponRef.current;
        // A coupon the quote refuses for this basket is left off the sale (the till shows why).
        const applies = coupon !== null && quote.coupon !== null && quote.coupon.refusal === null;
        const done = await createTillSale(
          { storeId, items: basketItems(lines), memberId: member?.id, payMethod, ...(applies ? { couponCode: coupon } : {}) },
          saleKey.current,
          { silent: true },
        );
        saleKey.current = null;
        setSale(done);
        reloadToday();
      } catch (error) {
        // A refusal will not change on retry with the same key; a lost connection may have gone through.
        if (isApiError(error) && error.status > 0) saleKey.current = null;
        void Taro.showToast({ title: errorMessage(error), icon: 'none', duration: 3000 });
        if (isApiError(error) && error.code === 'MEMBER_NOT_RESOLVED') {
          setMember(null);
          setMemberError('会员识别已过期，请让顾客刷新会员码后重新识别');
          void price(lines, null);
        } else if (couponRef.current && isApiError(error) && /^COUPON_/.test(error.code)) {
          holdCoupon(null);
          setCouponError(`${error.message}，请让顾客刷新券码后重新扫描`);
          void price(lines, member);
        } else if (isApiError(error) && error.status > 0) {
          void price(lines, member);
        }
      } finally {
        setSubmitting(false);
      }
    });
  }, [canSubmit, quote, payMethod, storeId, lines, member, price, holdCoupon, reloadToday]);

  /** 新的收银: an empty till for the next customer. */
  const reset = useCallback(() => {
    generation.current++;
    saleKey.current = null;
    setMember(null);
    setMemberCodeState('');
    setMemberError(null);
    setLines([]);
    setQuote(null);
    setQuotedKey('');
    setQuoting(false);
    setQuoteError(null);
    setItemCodeState('');
    setItemError(null);
    setPayMethod('offline_wechat');
    couponRef.current = null;
    setCouponCodeState(null);
    setCouponInputState('');
    setCouponError(null);
    setSale(null);
  }, []);

  return {
    member,
    memberCode,
    memberBusy,
    memberError,
    setMemberCode,
    identify,
    scanMember,
    removeMember,
    lines,
    quote,
    quoting,
    quoteError,
    requote: () => void price(lines, member),
    itemCode,
    itemError,
    setItemCode,
    addItem,
    scanItem,
    changeQty,
    couponInput,
    couponCode,
    couponError,
    setCouponInput,
    applyCoupon,
    scanCoupon,
    removeCoupon,
    payMethod,
    setPayMethod,
    canSubmit,
    submitting,
    submit,
    sale,
    reset,
    today,
    reloadToday,
  };
}

export type TillModel = ReturnType<typeof useTill>;
