import { Button, Text, View } from '@tarojs/components';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { agreePrivacy, openPrivacyContract, PRIVACY_AGREE_BUTTON_ID, refusePrivacy, watchPrivacyPrompt } from '../../platform/privacy';
import './index.scss';

/**
 * 用户隐私保护提示: WeChat's privacy agreement, shown when an API that touches personal data needs
 * it (platform/privacy.ts). A page that uses location, the phone number or the avatar mounts one;
 * it takes the prompt only while its page is on screen. Never shows on H5.
 */
export function PrivacyPopup() {
  const [open, setOpen] = useState(false);
  const stop = useRef<(() => void) | null>(null);

  const watch = () => {
    stop.current ??= watchPrivacyPrompt(setOpen);
  };
  const unwatch = () => {
    stop.current?.();
    stop.current = null;
  };
  // On screen from mounting; off while another page covers this one, and for good on unmount.
  useEffect(() => {
    stop.current ??= watchPrivacyPrompt(setOpen);
    return () => {
      stop.current?.();
      stop.current = null;
    };
  }, []);
  useDidShow(watch);
  useDidHide(unwatch);

  if (!open) return null;
  return (
    <View className="privacy-popup" catchMove>
      <View className="privacy-popup__mask" />
      <View className="privacy-popup__panel">
        <Text className="privacy-popup__title">用户隐私保护提示</Text>
        <View className="privacy-popup__body">
          <Text>感谢你使用悦享生活。为了推荐附近的自提门店、绑定手机号和设置头像，我们需要在你同意后使用相应信息。请阅读</Text>
          <Text className="privacy-popup__link" onClick={openPrivacyContract}>
            《悦享生活小程序隐私保护指引》
          </Text>
          <Text>，同意后即可继续；拒绝也可正常浏览和下单。</Text>
        </View>
        <View className="privacy-popup__actions">
          <View className="privacy-popup__refuse" hoverClass="privacy-popup__refuse--pressed" onClick={refusePrivacy}>
            拒绝
          </View>
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            className="privacy-popup__agree"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={agreePrivacy}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  );
}
