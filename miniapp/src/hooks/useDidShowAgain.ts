import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';

/**
 * Runs `effect` each time the page shows again (back from another page or the background), not
 * when it first opens: the mounting effect does the first read.
 */
export function useDidShowAgain(effect: () => void): void {
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) effect();
    shown.current = true;
  });
}
