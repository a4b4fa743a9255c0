import Taro, { useRouter } from '@tarojs/taro';
import { Image, Text, Textarea, View } from '@tarojs/components';
import { PillButton } from '../../components/PillButton';
import { StateView } from '../../components/StateView';
import { SkeletonBlock, SkeletonLines } from '../../components/Skeleton';
import { QtyStepper } from '../../components/QtyStepper';
import { MAX_PHOTOS, type AfterSaleOptionLine } from '../../services/aftersale';
import { routes } from '../../routes';
import { mediaUrl } from '../../utils/media';
import { formatFen } from '../../utils/money';
import { formatShanghaiDateTime } from '../../utils/time';
import { PhotoPicker } from './parts/PhotoPicker';
import { useApply, type LineChoice } from './useApply';
import './after-sale.scss';

/** 申请售后: choose the goods and how many, 退货退款 or 换货 (and the size wanted), why, and photos. */
export default function AfterSaleApplyPage() {
  const orderId = Number(useRouter().params.orderId);
  const form = useApply(orderId);

  if (form.load.status === 'loading') {
    return (
      <View className="as-apply page-root">
        <View className="as-section card">
          <SkeletonBlock width="40%" height={32} />
          <SkeletonLines lines={3} className="as-apply__skeleton-lines" />
        </View>
        <View className="as-section card">
          <SkeletonBlock width="30%" height={32} />
          <SkeletonBlock height={120} className="as-apply__skeleton-block" />
        </View>
      </View>
    );
  }
  if (form.load.status === 'error') {
    return (
      <View className="as-apply page-root">
        <StateView kind="error" message={form.load.message} onRetry={() => void form.reload()} />
      </View>
    );
  }
  const { options } = form.load;
  if (!options.eligible) {
    return (
      <View className="as-apply page-root">
        <StateView
          kind="empty"
          title="暂不能申请售后"
          description={options.reason ?? '该订单暂不支持售后'}
          action={{ text: '查看我的售后', onClick: () => void Taro.redirectTo({ url: routes.afterSales() }) }}
        />
      </View>
    );
  }

  const submit = async () => {
    const id = await form.submit();
    if (id !== null) {
      void Taro.showToast({ title: '已提交，等待门店审核', icon: 'success' });
      void Taro.redirectTo({ url: routes.afterSale({ id }) });
    }
  };

  return (
    <View className="as-apply page-root">
      {options.deadline && (
        <Text className="as-apply__window">请在 {formatShanghaiDateTime(options.deadline)} 前申请，审核通过后携带商品到门店办理</Text>
      )}

      <View className="as-section card">
        <Text className="as-section__title">售后类型</Text>
        <View className="as-types">
          <TypeTile
            on={form.type === 'return'}
            disabled={!options.returnAllowed}
            title="退货退款"
            text={options.returnAllowed ? '退回商品，按实付金额原路退款' : '门店收银订单请到店办理'}
            onClick={() => form.setType('return')}
          />
          <TypeTile
            on={form.type === 'exchange'}
            title="换货"
            text="换同款其他尺码或颜色，无需补差价"
            onClick={() => form.setType('exchange')}
          />
        </View>
      </View>

      <View className="as-section card">
        <Text className="as-section__title">选择商品</Text>
        {options.lines.map((line) => (
          <LineRow
            key={line.orderLineId}
            line={line}
            choice={form.lines[line.orderLineId]}
            exchange={form.type === 'exchange'}
            onChange={(patch) => form.updateLine(line.orderLineId, patch)}
          />
        ))}
      </View>

      <View className="as-section card">
        <Text className="as-section__title">售后原因</Text>
        <View className="as-chips">
          {options.reasons.map((r) => (
            <View
              key={r.value}
              className={`as-chips__chip ${form.reason === r.value ? 'as-chips__chip--on' : ''}`}
              onClick={() => form.setReason(r.value)}
            >
              {r.label}
            </View>
          ))}
        </View>
        <Textarea
          className="as-apply__note"
          value={form.description}
          maxlength={200}
          placeholder="补充描述，有助于门店更快处理（选填）"
          onInput={(event) => form.setDescription(event.detail.value)}
        />
        <Text className="as-apply__counter">{form.description.length}/200</Text>
      </View>

      <View className="as-section card">
        <View className="as-section__row">
          <Text className="as-section__title">上传凭证</Text>
          <Text className="as-section__aside">最多 {MAX_PHOTOS} 张，每张不超过 5MB</Text>
        </View>
        <PhotoPicker
          photos={form.photos}
          max={MAX_PHOTOS}
          onAdd={() => void form.addPhotos()}
          onRemove={form.removePhoto}
          onRetry={form.retryPhoto}
        />
      </View>

      <View className="as-apply__bar">
        <Text className="as-apply__bar-hint">
          {form.problem ?? (form.type === 'return' ? '门店确认收货后原路退款' : '门店确认收货后为你换货')}
        </Text>
        <PillButton className="as-apply__submit" loading={form.submitting} disabled={form.problem !== null} onClick={() => void submit()}>
          提交申请
        </PillButton>
      </View>
    </View>
  );
}

function TypeTile(props: { on: boolean; disabled?: boolean; title: string; text: string; onClick: () => void }) {
  return (
    <View
      className={`as-types__tile ${props.on ? 'as-types__tile--on' : ''} ${props.disabled ? 'as-types__tile--off' : ''}`}
      onClick={props.disabled ? undefined : props.onClick}
    >
      <Text className="as-types__title">{props.title}</Text>
      <Text className="as-types__text">{props.text}</Text>
    </View>
  );
}

function LineRow(props: {
  line: AfterSaleOptionLine;
  choice: LineChoice | undefined;
  exchange: boolean;
  onChange: (patch: Partial<LineChoice>) => void;
}) {
  const { line, choice, exchange, onChange } = props;
  const blocked = line.open || line.availableQty === 0;
  const picked = !blocked && choice?.picked === true;
  return (
    <View className={`as-line ${blocked ? 'as-line--blocked' : ''}`}>
      <View className="as-line__main" onClick={blocked ? undefined : () => onChange({ picked: !picked })}>
        <View className={`as-line__check ${picked ? 'as-line__check--on' : ''}`} />
        <Image className="as-line__image" src={mediaUrl(line.imageUrl)} mode="aspectFill" lazyLoad />
        <View className="as-line__body">
          <Text className="as-line__title">{line.title}</Text>
          <Text className="as-line__spec">{line.specText}</Text>
          <Text className="as-line__price">
            ¥{formatFen(line.unitPriceFen)}
            {blocked ? (line.open ? ' · 售后处理中' : ' · 已申请过售后') : ` · 可申请 ${line.availableQty} 件`}
          </Text>
        </View>
      </View>
      {picked && (
        <View className="as-line__extra">
          <View className="as-line__qty">
            <Text className="as-line__label">数量</Text>
            <QtyStepper
              size="sm"
              value={choice.qty}
              max={line.availableQty}
              onChange={(qty) => onChange({ qty })}
              onLimit={() => void Taro.showToast({ title: `最多可申请 ${line.availableQty} 件`, icon: 'none' })}
            />
          </View>
          {exchange && (
            <View className="as-line__exchange">
              <Text className="as-line__label">换成</Text>
              {line.exchangeOptions.length === 0 ? (
                <Text className="as-line__none">该商品暂无同价可换的其他规格</Text>
              ) : (
                <View className="as-chips as-chips--compact">
                  {line.exchangeOptions.map((option) => (
                    <View
                      key={option.skuId}
                      className={`as-chips__chip ${choice.exchangeSkuId === option.skuId ? 'as-chips__chip--on' : ''} ${option.inStock ? '' : 'as-chips__chip--dim'}`}
                      onClick={() => onChange({ exchangeSkuId: option.skuId })}
                    >
                      {option.specText}
                      {option.inStock ? '' : '（门店暂缺）'}
                    </View>
                  ))}
                </View>
              )}
            </View>
          )}
        </View>
      )}
    </View>
  );
}
