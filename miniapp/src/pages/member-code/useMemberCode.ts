import { useDidHide, useDidShow, useUnload } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { keepScreenBright } from '../../platform/screen';
import { errorMessage } from '../../services/errors';
import { getMe, getMemberCode, type Me, type MemberCode } from '../../services/member';
import { code128DataUrl, type BarcodeImage } from '../../utils/barcode';
import { MEMBER_CODE_REFRESH_MS, MEMBER_CODE_VALID_MS } from '../../utils/member-code';
import { qrDataUrl } from '../../utils/qrcode';

/** A new code is fetched this often; a code stays valid for 60 s, so one is never shown stale. */
const REFRESH_MS = MEMBER_CODE_REFRESH_MS;
/**
 * The BFF's validity, counted from when the code arrived rather than from its `expiresAt`, so a
 * phone whose clock is off still refreshes in time.
 */
const VALID_MS = MEMBER_CODE_VALID_MS;

export interface CodeView {
  code: MemberCode;
  /** PNG data URL of the QR code. */
  qr: string;
  /** The same code as a Code 128 barcode, for till scanners that read only 1-D codes. */
  barcode: BarcodeImage;
  receivedAt: number;
}

export type CodeState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; view: CodeView; refreshing: boolean; refreshFailed: boolean };

export interface MemberCodeModel {
  state: CodeState;
  /** The member's tier and points for the header; null until loaded or if that failed. */
  me: Me | null;
  /** Whole seconds until the next automatic refresh. */
  secondsToRefresh: number;
  /** The code on screen is older than its validity (refreshing failed meanwhile). */
  expired: boolean;
  refresh: () => void;
}

/**
 * The rotating member code: fetched when the page shows, replaced every 30 s and on demand,
 * with the screen kept bright while it is visible. Hidden pages neither tick nor fetch.
 */
export function useMemberCode(): MemberCodeModel {
  const [state, setState] = useState<CodeState>({ status: 'loading' });
  const [me, setMe] = useState<Me | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [visible, setVisible] = useState(true);
  // When the last fetch started: the refresh clock runs from there, also after a failure. Refs,
  // so the timer decides on current values and never starts a second fetch for one due time.
  const attemptAt = useRef(Date.now());
  const inFlight = useRef(false);
  const hasCode = useRef(false);
  const restoreScreen = useRef<(() => void) | null>(null);

  const refresh = useCallback(() => {
    if (inFlight.current) return;
    inFlight.current = true;
    attemptAt.current = Date.now();
    setState((previous) => (previous.status === 'ready' ? { ...previous, refreshing: true } : { status: 'loading' }));
    getMemberCode({ silent: true })
      .then(
        (code) => {
          hasCode.current = true;
          const view = { code, qr: qrDataUrl(code.code), barcode: code128DataUrl(code.code), receivedAt: Date.now() };
          setState({ status: 'ready', view, refreshing: false, refreshFailed: false });
        },
        (error: unknown) => {
          setState((previous) =>
            previous.status === 'ready'
              ? { ...previous, refreshing: false, refreshFailed: true }
              : { status: 'error', message: errorMessage(error) },
          );
        },
      )
      .finally(() => {
        inFlight.current = false;
        setNow(Date.now());
      });
  }, []);

  useDidShow(() => {
    setVisible(true);
    refresh();
    getMe({ silent: true }).then(setMe, () => undefined);
    restoreScreen.current ??= keepScreenBright();
  });

  const leave = () => {
    setVisible(false);
    restoreScreen.current?.();
    restoreScreen.current = null;
  };
  useDidHide(leave);
  useUnload(leave);

  useEffect(() => {
    if (!visible) return undefined;
    const timer = setInterval(() => {
      const time = Date.now();
      setNow(time);
      // A first load that failed waits for the retry button instead.
      if (hasCode.current && time - attemptAt.current >= REFRESH_MS) refresh();
    }, 1000);
    return () => clearInterval(timer);
  }, [visible, refresh]);

  return {
    state,
    me,
    secondsToRefresh: Math.max(0, Math.ceil((REFRESH_MS - (now - attemptAt.current)) / 1000)),
    expired: state.status === 'ready' && now - state.view.receivedAt >= VALID_MS,
    refresh,
  };
}
