import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { useDidShowAgain } from '../../hooks/useDidShowAgain';
import { usePageData, type PageData } from '../../hooks/usePageData';
import { askSubscribe } from '../../platform/subscribe';
import { errorMessage } from '../../services/errors';
import { cancelFlashReminder, getFlashSessions, getMyFlashReminders, setFlashReminder, type FlashSessions } from '../../services/flashsale';

const readSessions = () => getFlashSessions({ silent: true });

export interface FlashReminders {
  /** Sales with a 开抢提醒 set. */
  ids: ReadonlySet<number>;
  /** Sales whose reminder is being set or cancelled. */
  busy: ReadonlySet<number>;
  /** Sets (asking WeChat's consent first, inside the tap) or cancels the reminder. */
  toggle: (flashSaleId: number) => void;
}

/**
 * 秒杀场次, read again when the page shows (someone may have bought the last one meanwhile) and
 * whenever a countdown runs out (a session opened or ended), with my 开抢提醒.
 */
export function useFlashSessions(): { sessions: PageData<FlashSessions>; reminders: FlashReminders } {
  const sessions = usePageData(readSessions);
  const [ids, setIds] = useState<ReadonlySet<number>>(new Set());
  const [busy, setBusy] = useState<ReadonlySet<number>>(new Set());

  const readReminders = useCallback(() => {
    // Signed out (or the call failed): no reminder is shown as set; setting one signs in.
    getMyFlashReminders({ silent: true }).then(
      (list) => setIds(new Set(list)),
      () => undefined,
    );
  }, []);
  useEffect(readReminders, [readReminders]);
  useDidShowAgain(() => {
    void sessions.reload();
    readReminders();
  });

  const toggle = useCallback(
    (flashSaleId: number) => {
      if (busy.has(flashSaleId)) return;
      const on = ids.has(flashSaleId);
      // WeChat asks consent only inside the tap, before anything is awaited.
      const consent = on ? Promise.resolve([]) : askSubscribe('flash_reminder');
      setBusy((previous) => new Set(previous).add(flashSaleId));
      consent
        .then(() => (on ? cancelFlashReminder(flashSaleId, { silent: true }) : setFlashReminder(flashSaleId, { silent: true })))
        .then(
          (reminder) => {
            setIds((previous) => {
              const next = new Set(previous);
              if (reminder.reminded) next.add(flashSaleId);
              else next.delete(flashSaleId);
              return next;
            });
            void Taro.showToast({ title: reminder.reminded ? '已设置提醒，开抢前通知你' : '已取消提醒', icon: 'none' });
          },
          (error: unknown) => void Taro.showToast({ title: errorMessage(error), icon: 'none' }),
        )
        .finally(() =>
          setBusy((previous) => {
            const next = new Set(previous);
            next.delete(flashSaleId);
            return next;
          }),
        );
    },
    [busy, ids],
  );

  return { sessions, reminders: { ids, busy, toggle } };
}
