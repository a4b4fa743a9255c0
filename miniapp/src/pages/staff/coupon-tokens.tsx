import { Image, Input, Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { PillButton } from '../../components/PillButton';
import { StateView } from '../../components/StateView';
import { useDidShowAgain } from '../../hooks/useDidShowAgain';
import { shareLink } from '../../platform/share';
import type { ClaimToken } from '../../services/staff';
import { qrDataUrl } from '../../utils/qrcode';
import { formatShanghaiTimestamp } from '../../utils/time';
import { StaffGate } from './parts/StaffGate';
import { MINUTE_CHOICES, useClaimTokens, type ShownToken } from './useClaimTokens';
import { useStaff, type StaffContext } from './useStaff';
import './staff.scss';
import './coupon-tokens.scss';

const STATE_LABELS: Record<ClaimToken['state'], string> = { active: '进行中', expired: '已过期', revoked: '已停用', exhausted: '已领完' };

const minutesLabel = (minutes: number) =>
  minutes >= 1440 ? `${minutes / 1440} 天` : minutes >= 60 ? `${minutes / 60} 小时` : `${minutes} 分钟`;

/** 生成领券码: mint a 扫码领券 QR for a store_qr template, show it at the till or print it, and stop it. */
export default function StaffCouponTokensPage() {
  const gate = useStaff();
  return (
    <StaffGate gate={gate} needsStore={false}>
      {(staff) => <TokensView staff={staff} />}
    </StaffGate>
  );
}

function TokensView({ staff }: { staff: StaffContext }) {
  const model = useClaimTokens();
  const { list, templates } = model;
  const [templateId, setTemplateId] = useState<number | null>(null);
  const [typedId, setTypedId] = useState('');
  const [minutes, setMinutes] = useState<number>(60);
  const [maxClaims, setMaxClaims] = useState('');

  // The counts move as customers scan: read them again whenever the page shows.
  const { reload } = model;
  useDidShowAgain(() => void reload());

  const typed = /^\d+$/.test(typedId) ? Number(typedId) : null;
  // A typed number that names a listed template picks it as if tapped.
  const chosen = templates.find((t) => t.id === (templateId ?? typed)) ?? null;
  const targetId = chosen?.id ?? typed;
  const limit = /^\d+$/.test(maxClaims) && Number(maxClaims) > 0 ? Number(maxClaims) : null;

  const mint = () => {
    if (targetId === null) return;
    void model.mint({ templateId: targetId, templateName: chosen?.name ?? `券模板 #${targetId}`, minutes, maxClaims: limit });
  };

  return (
    <View className="staff-page page-root coupon-tokens">
      {model.shown && (
        <TokenQr
          // A template typed by number gets its name once the list has the new token.
          token={{
            ...model.shown,
            templateName:
              list.status === 'ready'
                ? (list.items.find((t) => t.id === model.shown?.id)?.templateName ?? model.shown.templateName)
                : model.shown.templateName,
          }}
          onClose={model.hide}
        />
      )}

      <View className="staff-section card">
        <View className="staff-section__head">
          <Text className="staff-section__title">券模板</Text>
          <Text className="staff-section__extra">仅限「门店扫码」类优惠券</Text>
        </View>
        {templates.length > 0 && (
          <View className="coupon-tokens__chips">
            {templates.map((t) => (
              <View
                key={t.id}
                className={`coupon-tokens__chip ${t.id === chosen?.id ? 'coupon-tokens__chip--on' : ''}`}
                onClick={() => {
                  setTemplateId(t.id === templateId ? null : t.id);
                  setTypedId('');
                }}
              >
                <Text className="coupon-tokens__chip-name">{t.name}</Text>
                {t.label && <Text className="coupon-tokens__chip-label">{t.label}</Text>}
              </View>
            ))}
          </View>
        )}
        <View className="coupon-tokens__field">
          <Text className="coupon-tokens__field-label">{templates.length > 0 ? '其他模板编号' : '模板编号'}</Text>
          <Input
            className="coupon-tokens__field-input coupon-tokens__template-input"
            type="number"
            value={typedId}
            placeholder="总部提供的券模板编号"
            placeholderClass="coupon-tokens__placeholder"
            onInput={(event) => {
              setTypedId(event.detail.value.replace(/\D/g, '').slice(0, 9));
              setTemplateId(null);
            }}
          />
        </View>

        <Text className="coupon-tokens__label">有效时长</Text>
        <View className="coupon-tokens__chips">
          {MINUTE_CHOICES.map((choice) => (
            <View
              key={choice}
              className={`coupon-tokens__chip coupon-tokens__chip--small ${choice === minutes ? 'coupon-tokens__chip--on' : ''}`}
              onClick={() => setMinutes(choice)}
            >
              {minutesLabel(choice)}
            </View>
          ))}
        </View>

        <View className="coupon-tokens__field">
          <Text className="coupon-tokens__field-label">最多领取</Text>
          <Input
            className="coupon-tokens__field-input coupon-tokens__max-input"
            type="number"
            value={maxClaims}
            placeholder="选填，不填则不限人数"
            placeholderClass="coupon-tokens__placeholder"
            onInput={(event) => setMaxClaims(event.detail.value.replace(/\D/g, '').slice(0, 6))}
          />
          <Text className="coupon-tokens__field-unit">人</Text>
        </View>

        <PillButton block className="coupon-tokens__mint" loading={model.minting} disabled={targetId === null} onClick={mint}>
          生成领券码
        </PillButton>
      </View>

      <View className="staff-section card">
        <View className="staff-section__head">
          <Text className="staff-section__title">{staff.role === 'admin' ? '全部领券码' : '本店领券码'}</Text>
          <Text className="staff-section__link" onClick={() => void model.reload()}>
            刷新
          </Text>
        </View>
        {list.status === 'loading' && <StateView kind="loading" />}
        {list.status === 'error' && <StateView kind="error" message={list.message} onRetry={() => void model.reload()} />}
        {list.status === 'ready' && list.items.length === 0 && (
          <StateView kind="empty" title="还没有生成过领券码" description="选择券模板后生成，顾客扫码即可领券" />
        )}
        {list.status === 'ready' &&
          list.items.map((token) => (
            <View key={token.id} className="coupon-token" onClick={() => model.show(token)}>
              <View className="coupon-token__text">
                <View className="coupon-token__head">
                  <Text className="coupon-token__name">{token.templateName}</Text>
                  <Text className={`coupon-token__state coupon-token__state--${token.state}`}>{STATE_LABELS[token.state]}</Text>
                </View>
                <Text className="coupon-token__meta">
                  已领 {token.claimedCount}
                  {token.maxClaims !== null ? ` / ${token.maxClaims}` : ''} 人 · {formatShanghaiTimestamp(token.expiresAt)} 截止
                </Text>
              </View>
              {token.state === 'active' && (
                <View onClick={(event) => event.stopPropagation()}>
                  <PillButton
                    variant="outline"
                    className="coupon-token__revoke"
                    loading={model.revoking === token.id}
                    onClick={() => void model.revoke(token)}
                  >
                    停用
                  </PillButton>
                </View>
              )}
            </View>
          ))}
      </View>
    </View>
  );
}

/** The token as a QR for customers to scan in 扫码领券 (or the link it stands for, on H5). */
function TokenQr({ token, onClose }: { token: ShownToken; onClose: () => void }) {
  const link = shareLink(`/${token.qrPath.replace(/^\//, '')}`);
  const qr = useMemo(() => qrDataUrl(link), [link]);
  return (
    <View className="staff-section card coupon-tokens__qr-card">
      <View className="staff-section__head">
        <Text className="staff-section__title">{token.templateName}</Text>
        <Text className="staff-section__link" onClick={onClose}>
          收起
        </Text>
      </View>
      <View className="coupon-tokens__qr-box">
        <Image className="coupon-tokens__qr" src={qr} mode="aspectFit" showMenuByLongpress />
      </View>
      <Text className="coupon-tokens__qr-meta">
        {formatShanghaiTimestamp(token.expiresAt)} 前有效{token.maxClaims !== null ? ` · 限 ${token.maxClaims} 人领取` : ''}
      </Text>
      <Text className="coupon-tokens__qr-hint">顾客用小程序「扫码领券」扫描即可领取。长按二维码保存图片，可打印张贴在收银台或海报上</Text>
      <Text className="coupon-tokens__qr-link" selectable>
        {link}
      </Text>
    </View>
  );
}
