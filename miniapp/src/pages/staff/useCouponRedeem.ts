import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { isScanCancelled, scan } from '../../platform/scan';
import { errorMessage } from '../../services/errors';
import { previewCoupon, redeemCoupon, type CouponPreview, type CouponRedemption } from '../../services/staff';
import { COUPON_CODE_LENGTH, couponCodeInput, isCouponCode } from '../../utils/coupon';

export type RedeemStep =
  | { step: 'input' }
  | { step: 'looking' }
  | { step: 'found'; code: string; preview: CouponPreview; redeeming: boolean }
  | { step: 'done'; redemption: CouponRedemption };

/**
 * 核销优惠券 outside a sale: the customer's 券码 (typed or scanned) → what the coupon is and whether
 * this store may redeem it (a preview uses nothing up) → 确认核销 burns it once. Another till that
 * was first answers 409, shown as it comes.
 */
export function useCouponRedeem(storeId: number) {
  const [digits, setDigitsState] = useState('');
  const [step, setStep] = useState<RedeemStep>({ step: 'input' });
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);

  const setDigits = useCallback((text: string) => {
    setDigitsState(couponCodeInput(text));
    setError(null);
  }, []);

  const lookUp = useCallback(
    (text: string) => {
      const code = couponCodeInput(text);
      setDigitsState(code);
      if (!isCouponCode(code)) {
        setError(`券码为 ${COUPON_CODE_LENGTH} 位数字，请扫描或输入顾客「到店使用」页的券码`);
        return;
      }
      if (busy.current) return;
      busy.current = true;
      setError(null);
      setStep({ step: 'looking' });
      previewCoupon(code, storeId, { silent: true })
        .then(
          (preview) => setStep({ step: 'found', code, preview, redeeming: false }),
          (failure: unknown) => {
            setStep({ step: 'input' });
            setError(errorMessage(failure));
          },
        )
        .finally(() => {
          busy.current = false;
        });
    },
    [storeId],
  );

  const scanCode = useCallback(() => {
    scan().then(lookUp, (failure: unknown) => {
      if (!isScanCancelled(failure)) setError(errorMessage(failure));
    });
  }, [lookUp]);

  const confirm = useCallback(() => {
    if (step.step !== 'found' || !step.preview.usable || busy.current) return;
    const { code } = step;
    busy.current = true;
    setStep({ ...step, redeeming: true });
    redeemCoupon(code, storeId, { silent: true })
      .then(
        (redemption) => setStep({ step: 'done', redemption }),
        (failure: unknown) => {
          void Taro.showToast({ title: errorMessage(failure), icon: 'none', duration: 3000 });
          setStep({ step: 'input' });
          setError(errorMessage(failure));
        },
      )
      .finally(() => {
        busy.current = false;
      });
  }, [step, storeId]);

  const reset = useCallback(() => {
    setDigitsState('');
    setError(null);
    setStep({ step: 'input' });
  }, []);

  return { digits, step, error, setDigits, lookUp, scanCode, confirm, reset };
}
