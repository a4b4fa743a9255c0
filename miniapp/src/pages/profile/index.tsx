import { View } from '@tarojs/components';
import { PillButton } from '../../components/PillButton';
import { StateView } from '../../components/StateView';
import { AvatarRow } from './parts/AvatarRow';
import { BirthdayRow } from './parts/BirthdayRow';
import { MembershipRows } from './parts/MembershipRows';
import { NicknameRow } from './parts/NicknameRow';
import { PhoneRow } from './parts/PhoneRow';
import { useProfileForm } from './useProfileForm';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import './index.scss';

/** 个人资料. The avatar, nickname keyboard and phone button may need WeChat's privacy agreement. */
export default function ProfilePage() {
  return (
    <>
      <ProfileForm />
      <PrivacyPopup />
    </>
  );
}

function ProfileForm() {
  const form = useProfileForm();
  const { load } = form;

  if (load.status === 'loading') {
    return (
      <View className="profile page-root">
        <StateView kind="loading" />
      </View>
    );
  }
  if (load.status === 'error') {
    return (
      <View className="profile page-root">
        <StateView kind="error" message={load.message} onRetry={form.reload} />
      </View>
    );
  }

  const { me } = load;
  return (
    <View className="profile page-root">
      <View className="profile__card card">
        <AvatarRow avatarUrl={me.avatarUrl} busy={form.changingAvatar} onChosen={form.onAvatarChosen} />
        <NicknameRow value={form.nickname} onChange={form.setNickname} />
        <BirthdayRow saved={me.birthday} picked={form.birthday} onPick={form.setBirthday} />
        <PhoneRow phone={me.phone} busy={form.bindingPhone} onCode={form.onPhoneCode} onError={form.onPhoneError} />
      </View>

      <MembershipRows me={me} />

      <View className="profile__actions">
        <PillButton block loading={form.saving} disabled={!form.dirty} onClick={() => void form.save()}>
          {form.saving ? '保存中' : '保存'}
        </PillButton>
        <View className="profile__logout" hoverClass="profile__logout--pressed" onClick={() => void form.logout()}>
          退出登录
        </View>
      </View>
    </View>
  );
}
