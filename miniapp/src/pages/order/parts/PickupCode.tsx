import { Image, Text, View } from '@tarojs/components';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useMemo, useRef } from 'react';
import { keepScreenBright } from '../../../platform/screen';
import type { PickupCode as Code } from '../../../services/order';
import { formatPickupCode } from '../../../utils/pickup';
import { qrDataUrl } from '../../../utils/qrcode';
import { formatShanghaiDateTime } from '../../../utils/time';

interface PickupCodeProps {
  pickup: Code;
  storeName: string | null;
}

/** 取货码: the QR the store scans and the 8 digits (4 + 4) to read out, with where and by when. */
export function PickupCode({ pickup, storeName }: PickupCodeProps) {
  const qr = useMemo(() => qrDataUrl(pickup.qrPayload, { minPixels: 360 }), [pickup.qrPayload]);
  useBrightWhileShown();
  return (
    <View className="order-card order-pickup card">
      <Text className="order-pickup__title">取货码</Text>
      <Text className="order-pickup__hint">到店后向店员出示二维码或读出取货码</Text>
      <View className="order-pickup__qr-box">
        <Image className="order-pickup__qr" src={qr} mode="aspectFit" />
      </View>
      <Text className="order-pickup__code">{formatPickupCode(pickup.code)}</Text>
      <View className="order-pickup__where">
        {storeName && <Text className="order-pickup__store">{storeName}</Text>}
        <Text className="order-pickup__deadline">请于 {formatShanghaiDateTime(pickup.deadline)} 前到店自提</Text>
      </View>
      <Text className="order-pickup__safe">取货码仅限本人使用，请勿截图发给他人</Text>
    </View>
  );
}

/** Full brightness while the code is on screen, so the store's scanner reads it at once (as the 会员码 page does). */
function useBrightWhileShown(): void {
  const restore = useRef<(() => void) | null>(null);
  const brighten = () => {
    restore.current ??= keepScreenBright();
  };
  const dim = () => {
    restore.current?.();
    restore.current = null;
  };
  useEffect(() => {
    brighten();
    return dim;
  }, []);
  useDidShow(brighten);
  useDidHide(dim);
}
