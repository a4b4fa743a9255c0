import Taro, { useRouter } from '@tarojs/taro';
import { Image, Input, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import emptyBoxImage from '../../assets/state/empty-box.png';
import errorImage from '../../assets/state/error.png';
import { PillButton } from '../../components/PillButton';
import { StateView } from '../../components/StateView';
import { CouponTicket } from '../../components/CouponTicket';
import { canScan, isScanCancelled, scan } from '../../platform/scan';
import { errorMessage } from '../../services/errors';
import { claimTokenOf, shanghaiDay } from '../../utils/coupon';
import { openPage } from '../../utils/navigate';
import { useScanClaim } from './useScanClaim';
import './index.scss';
import { routes } from '../../routes';

/** The token the page was opened with: `t` (a link or QR) or a 小程序码's `scene`. */
function tokenParam(params: Record<string, string | undefined>): string | null {
  for (const raw of [params.t, params.scene]) {
    if (!raw) continue;
    let value = raw;
    try {
      value = decodeURIComponent(raw);
    } catch {
      // Already plain.
    }
    return claimTokenOf(value) ?? value;
  }
  return null;
}

/**
 * 扫码领券: opened by a store's QR (`?t=<token>`) it claims at once (signing in first if need be)
 * and shows the result; opened from 我的优惠券 it offers the camera (weapp) or a box to paste the
 * code or link into (H5, or when the camera is not at hand).
 */
export default function CouponScanPage() {
  const { params } = useRouter();
  const opened = useRef(tokenParam(params));
  const { state, claim, reset } = useScanClaim();
  const [text, setText] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);

  useEffect(() => {
    if (opened.current) void claim(opened.current);
  }, [claim]);

  const submit = (value: string) => {
    const token = claimTokenOf(value);
    if (!token) {
      setInputError('未识别到领券码，请粘贴门店提供的领券链接或领券码');
      return;
    }
    setInputError(null);
    void claim(token);
  };

  const scanNow = () => {
    scan().then(submit, (error: unknown) => {
      if (!isScanCancelled(error)) void Taro.showToast({ title: errorMessage(error), icon: 'none' });
    });
  };

  if (state.status === 'claiming') return <StateView kind="loading" />;

  if (state.status === 'done') {
    const { received, coupon } = state;
    return (
      <View className="coupon-scan page-root">
        <View className="coupon-scan__result card">
          <View className="coupon-scan__tick" />
          <Text className="coupon-scan__title">领取成功</Text>
          <Text className="coupon-scan__sub">优惠券已放入「我的优惠券」</Text>
          {coupon ? (
            <CouponTicket
              className="coupon-scan__ticket"
              face={coupon.face}
              name={coupon.name}
              lines={[`${coupon.face.scopeText} · ${coupon.face.channelText}`, coupon.validityText]}
            />
          ) : (
            <View className="coupon-scan__plain">
              <Text className="coupon-scan__name">{received.name}</Text>
              <Text className="coupon-scan__validity">
                有效期 {shanghaiDay(received.validFrom)}-{shanghaiDay(received.validTo)}
              </Text>
            </View>
          )}
          <PillButton block className="coupon-scan__button" onClick={() => openPage(routes.home())}>
            去使用
          </PillButton>
          <PillButton block variant="outline" className="coupon-scan__button" onClick={() => openPage(routes.couponMine())}>
            查看我的优惠券
          </PillButton>
        </View>
      </View>
    );
  }

  if (state.status === 'refused' || state.status === 'error') {
    return (
      <View className="coupon-scan page-root">
        <View className="coupon-scan__result card">
          {/* A refusal is no network trouble: only a lost connection gets the broken-signal picture. */}
          <Image className="coupon-scan__image" src={state.status === 'refused' ? emptyBoxImage : errorImage} />
          <Text className="coupon-scan__title">{state.status === 'refused' ? '领取失败' : '网络开小差了'}</Text>
          <Text className="coupon-scan__sub coupon-scan__reason">{state.message}</Text>
          {state.status === 'error' && opened.current ? (
            <PillButton block className="coupon-scan__button" onClick={() => void claim(opened.current!)}>
              重新领取
            </PillButton>
          ) : (
            <PillButton
              block
              className="coupon-scan__button"
              onClick={() => {
                opened.current = null;
                reset();
              }}
            >
              换个码试试
            </PillButton>
          )}
          <PillButton block variant="outline" className="coupon-scan__button" onClick={() => openPage(routes.couponCenter())}>
            去领券中心
          </PillButton>
        </View>
      </View>
    );
  }

  return (
    <View className="coupon-scan page-root">
      <View className="coupon-scan__entry card">
        <Text className="coupon-scan__title">扫码领券</Text>
        <Text className="coupon-scan__sub">扫描门店收银台或海报上的领券二维码，券直接放入你的账户</Text>
        {canScan && (
          <PillButton block className="coupon-scan__button" onClick={scanNow}>
            扫一扫
          </PillButton>
        )}
        <View className={`coupon-scan__box ${inputError ? 'coupon-scan__box--error' : ''}`}>
          <Input
            className="coupon-scan__input"
            value={text}
            placeholder="粘贴领券链接或领券码"
            placeholderClass="coupon-scan__placeholder"
            confirmType="done"
            onInput={(event) => {
              setText(event.detail.value);
              setInputError(null);
            }}
            onConfirm={() => submit(text)}
          />
        </View>
        {inputError && <Text className="coupon-scan__error">{inputError}</Text>}
        <PillButton
          block
          variant={canScan ? 'outline' : 'solid'}
          disabled={text.trim() === ''}
          className="coupon-scan__button"
          onClick={() => submit(text)}
        >
          领取
        </PillButton>
      </View>
    </View>
  );
}
