import { Image, Text, View } from '@tarojs/components';
import { BottomSheet } from '../../../components/BottomSheet';
import { StateView } from '../../../components/StateView';
import type { MyCoupon } from '../../../services/coupon';
import { groupCode } from '../../../utils/coupon';
import { useCouponCode } from '../useCouponCode';

interface CodeSheetProps {
  /** The coupon to show at the store; null: the sheet is closed. */
  coupon: MyCoupon | null;
  onClose: () => void;
}

/** 到店使用: the coupon's rotating QR and 20 digits for the store's till, refreshed every 50 s. */
export function CodeSheet({ coupon, onClose }: CodeSheetProps) {
  const { state, secondsToRefresh, expired, refresh } = useCouponCode(coupon?.id ?? null, onClose);
  return (
    <BottomSheet open={coupon !== null} onClose={onClose} title="到店使用" className="code-sheet">
      {coupon && (
        <View className="code-sheet__body">
          <Text className="code-sheet__name">{coupon.name}</Text>
          <Text className="code-sheet__rule">
            {coupon.face.label} · {coupon.face.condition}
          </Text>
          {(state.status === 'loading' || state.status === 'idle') && <StateView kind="loading" />}
          {state.status === 'error' && <StateView kind="error" message={state.message} onRetry={refresh} />}
          {state.status === 'ready' && (
            <>
              <View className="code-sheet__qr-box" onClick={expired ? refresh : undefined}>
                <Image className="code-sheet__qr" src={state.qr} mode="aspectFit" />
                {expired && (
                  <View className="code-sheet__expired">
                    <Text>券码已失效</Text>
                    <Text className="code-sheet__expired-action">{state.refreshing ? '刷新中…' : '点击刷新'}</Text>
                  </View>
                )}
              </View>
              <Text className={`code-sheet__digits ${expired ? 'code-sheet__digits--stale' : ''}`}>{groupCode(state.code.code)}</Text>
              <View className="code-sheet__status">
                <Text className={`code-sheet__hint ${state.refreshFailed ? 'code-sheet__hint--error' : ''}`}>
                  {state.refreshing
                    ? '正在刷新…'
                    : state.refreshFailed
                      ? '刷新失败，请检查网络'
                      : `自动刷新 · ${secondsToRefresh} 秒后更新`}
                </Text>
                <Text className="code-sheet__refresh" onClick={state.refreshing ? undefined : refresh}>
                  刷新
                </Text>
              </View>
            </>
          )}
          <Text className="code-sheet__note">请向店员出示此码，券码每分钟更新，截图无效</Text>
        </View>
      )}
    </BottomSheet>
  );
}
