import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { isScanCancelled, scan } from '../../platform/scan';
import { errorMessage, isApiError } from '../../services/errors';
import { confirmPickup, verifyPickup, type PickupDone, type PickupSummary } from '../../services/staff';
import { customerLabel, parsePickupCode, pickupCodeInput, pieceCount } from '../../utils/pickup';

export type VerifyStep =
  | { step: 'input' }
  | { step: 'looking' }
  | { step: 'found'; code: string; summary: PickupSummary; confirming: boolean }
  | { step: 'done'; summary: PickupSummary; result: PickupDone };

/**
 * Why a code did not go through, in words for the counter:
 * `invalid` wrong or used code · `locked` too many wrong codes · `done` already handed over ·
 * `other` anything else (network, not ready…).
 */
export interface VerifyError {
  kind: 'invalid' | 'locked' | 'done' | 'other';
  title: string;
  message: string;
}

function toVerifyError(error: unknown): VerifyError {
  if (isApiError(error)) {
    if (error.code === 'PICKUP_CODE_INVALID')
      return { kind: 'invalid', title: '取货码无效', message: '请核对顾客订单页上的 8 位取货码后重试' };
    if (error.status === 429) return { kind: 'locked', title: '核销已暂时锁定', message: error.message };
    if (error.code === 'PICKUP_ALREADY_DONE') return { kind: 'done', title: '该订单已核销', message: '商品已交给顾客，请勿重复交货' };
  }
  return { kind: 'other', title: '操作未完成', message: errorMessage(error) };
}

/**
 * 核销: a code typed or scanned → the order behind it (at this store) → handed over once. The BFF
 * counts wrong codes and locks out guessing; the page only says what happened.
 */
export function useVerify(storeId: number) {
  const [digits, setDigitsState] = useState('');
  const [phase, setPhase] = useState<VerifyStep>({ step: 'input' });
  const [error, setError] = useState<VerifyError | null>(null);
  const busy = useRef(false);

  const setDigits = useCallback((text: string) => {
    setDigitsState(pickupCodeInput(text));
    setError(null);
  }, []);

  const lookUp = useCallback(
    (input: string) => {
      const code = parsePickupCode(input);
      if (!code) {
        setError({ kind: 'invalid', title: '取货码无效', message: '取货码为 8 位数字，请扫描或输入顾客订单页上的取货码' });
        return;
      }
      if (busy.current) return;
      busy.current = true;
      setDigitsState(code);
      setError(null);
      setPhase({ step: 'looking' });
      verifyPickup(code, storeId, { silent: true })
        .then(
          (summary) => setPhase({ step: 'found', code, summary, confirming: false }),
          (failure: unknown) => {
            setPhase({ step: 'input' });
            setError(toVerifyError(failure));
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
      if (!isScanCancelled(failure)) setError({ kind: 'other', title: '扫码未成功', message: errorMessage(failure) });
    });
  }, [lookUp]);

  const confirm = useCallback(() => {
    if (phase.step !== 'found' || phase.confirming) return;
    const { code, summary } = phase;
    void Taro.showModal({
      title: '确认核销',
      content: `请确认已将 ${pieceCount(summary.items)} 件商品交给顾客 ${customerLabel(summary.customer)}`,
      confirmText: '确认核销',
      cancelText: '再看看',
      confirmColor: '#e93b3d',
    }).then(({ confirm: ok }) => {
      if (!ok) return;
      setPhase({ step: 'found', code, summary, confirming: true });
      confirmPickup(summary.orderId, code, { silent: true }).then(
        (result) => setPhase({ step: 'done', summary, result }),
        (failure: unknown) => {
          const reason = toVerifyError(failure);
          setError(reason);
          // A wrong or locked code cannot be confirmed: back to the box; otherwise keep the order on screen.
          setPhase(
            reason.kind === 'invalid' || reason.kind === 'locked' ? { step: 'input' } : { step: 'found', code, summary, confirming: false },
          );
        },
      );
    });
  }, [phase]);

  const reset = useCallback(() => {
    setDigitsState('');
    setError(null);
    setPhase({ step: 'input' });
  }, []);

  return { digits, setDigits, phase, error, lookUp, scanCode, confirm, reset };
}
