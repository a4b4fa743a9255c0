import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useCallback, useRef, useState } from 'react';
import { PillButton } from '../../components/PillButton';
import { StateView } from '../../components/StateView';
import { SkeletonBlock, SkeletonLines } from '../../components/Skeleton';
import { cancelAfterSale, getAfterSale, type AfterSale } from '../../services/aftersale';
import { errorMessage } from '../../services/errors';
import { routes } from '../../routes';
import { mediaUrl } from '../../utils/media';
import { formatFen } from '../../utils/money';
import { openPage } from '../../utils/navigate';
import { StatusTimeline } from './parts/StatusTimeline';
import { STATUS_TONES } from './parts/tones';
import './after-sale.scss';

type State = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; afterSale: AfterSale };

/** 售后详情: where the request stands, what to do next, the goods, photos and the status timeline. */
export default function AfterSaleDetailPage() {
  const id = Number(useRouter().params.id);
  const [state, setState] = useState<State>({ status: 'loading' });
  const [busy, setBusy] = useState(false);
  const shown = useRef(false);

  const load = useCallback(
    async (quiet = false) => {
      if (!quiet) setState({ status: 'loading' });
      try {
        setState({ status: 'ready', afterSale: await getAfterSale(id, { silent: true }) });
      } catch (error) {
        setState({ status: 'error', message: errorMessage(error) });
      }
    },
    [id],
  );
  useDidShow(() => {
    void load(shown.current);
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void load(true).finally(() => Taro.stopPullDownRefresh());
  });

  if (state.status === 'loading') {
    return (
      <View className="as-detail page-root">
        <View className="as-detail__hero">
          <SkeletonBlock width="45%" height={44} />
          <SkeletonLines lines={2} className="as-detail__skeleton" />
        </View>
        <View className="as-section card">
          <SkeletonLines lines={3} />
        </View>
      </View>
    );
  }
  if (state.status === 'error') {
    return (
      <View className="as-detail page-root">
        <StateView kind="error" message={state.message} onRetry={() => void load()} />
      </View>
    );
  }
  const a = state.afterSale;
  const cancellable = a.status === 'requested' || a.status === 'approved';

  const cancel = () => {
    void Taro.showModal({
      title: '撤销申请',
      content: '撤销后本次售后申请将关闭，提货后 7 天内可重新申请。',
      confirmText: '撤销',
      cancelText: '再想想',
      confirmColor: '#e93b3d',
    }).then(async ({ confirm }) => {
      if (!confirm) return;
      setBusy(true);
      try {
        setState({ status: 'ready', afterSale: await cancelAfterSale(a.id, { silent: true }) });
        void Taro.showToast({ title: '已撤销', icon: 'success' });
      } catch (error) {
        void Taro.showToast({ title: errorMessage(error), icon: 'none', duration: 2500 });
        await load(true);
      } finally {
        setBusy(false);
      }
    });
  };

  return (
    <View className={`as-detail page-root ${cancellable ? 'as-detail--with-bar' : ''}`}>
      <View className={`as-detail__hero as-detail__hero--${STATUS_TONES[a.status]}`}>
        <Text className="as-detail__status">{a.statusLabel}</Text>
        <Text className="as-detail__hint">{a.hint}</Text>
        {a.type === 'return' && (
          <View className="as-detail__money">
            <Text className="as-detail__money-label">{a.status === 'refunded' ? '已退款' : '退款金额'}</Text>
            <Text className="as-detail__money-value">¥{formatFen(a.refundFen)}</Text>
          </View>
        )}
      </View>

      <View className="as-section card">
        <Text className="as-section__title">售后进度</Text>
        <StatusTimeline entries={a.timeline} />
      </View>

      <View className="as-section card">
        <View className="as-section__row">
          <Text className="as-section__title">{a.typeLabel}商品</Text>
          <Text className="as-section__aside">{a.storeName}</Text>
        </View>
        {a.lines.map((line) => (
          <View key={line.orderLineId} className="as-card__goods as-detail__line">
            <Image className="as-card__image" src={mediaUrl(line.imageUrl)} mode="aspectFill" lazyLoad />
            <View className="as-card__body">
              <Text className="as-card__title">{line.title}</Text>
              <Text className="as-card__spec">{line.specText}</Text>
              {line.exchange && <Text className="as-detail__exchange">换成：{line.exchange.specText}</Text>}
              {a.type === 'return' && <Text className="as-detail__share">退款 ¥{formatFen(line.amountFen)}</Text>}
            </View>
            <Text className="as-card__qty">×{line.qty}</Text>
          </View>
        ))}
      </View>

      <View className="as-section card">
        <Text className="as-section__title">申请信息</Text>
        <Field label="售后单号" value={a.serviceNo} />
        <Field label="售后原因" value={a.reasonLabel} />
        {a.description && <Field label="问题描述" value={a.description} />}
        {a.decisionNote && <Field label="门店说明" value={a.decisionNote} />}
        <View className="as-field" onClick={() => openPage(routes.order({ id: a.orderId }))}>
          <Text className="as-field__label">关联订单</Text>
          <Text className="as-field__value as-field__value--link">{a.orderNo}</Text>
        </View>
        {a.photos.length > 0 && (
          <View className="as-detail__photos">
            {a.photos.map((photo) => (
              <Image
                key={photo.id}
                className="as-detail__photo"
                src={photo.url}
                mode="aspectFill"
                onClick={() => void Taro.previewImage({ current: photo.url, urls: a.photos.map((p) => p.url) })}
              />
            ))}
          </View>
        )}
      </View>

      {cancellable && (
        <View className="as-detail__bar">
          <PillButton variant="outline" className="as-detail__cancel" loading={busy} onClick={cancel}>
            撤销申请
          </PillButton>
        </View>
      )}
    </View>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <View className="as-field">
      <Text className="as-field__label">{label}</Text>
      <Text className="as-field__value">{value}</Text>
    </View>
  );
}
