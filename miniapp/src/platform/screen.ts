import Taro from '@tarojs/taro';

/**
 * Full brightness and no auto-lock while a code is shown to a scanner (as WeChat's own pay
 * code does); returns the undo. A no-op on H5, where browsers offer neither.
 */
export function keepScreenBright(): () => void {
  if (process.env.TARO_ENV !== 'weapp') return () => undefined;
  let previous: number | null = null;
  let undone = false;
  Taro.getScreenBrightness()
    .then(({ value }) => {
      if (undone) return;
      previous = value;
      return Taro.setScreenBrightness({ value: 1 });
    })
    .catch(() => undefined);
  Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
  return () => {
    undone = true;
    if (previous !== null) Taro.setScreenBrightness({ value: previous }).catch(() => undefined);
    Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined);
  };
}
