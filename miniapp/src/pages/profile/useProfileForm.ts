import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { uploadAvatar } from '../../platform/profile';
import { signOut } from '../../services/auth';
import { errorMessage, isApiError } from '../../services/errors';
import { bindPhone, getMe, updateMe, type Me, type ProfilePatch } from '../../services/member';
import { formatDateChinese } from '../../utils/time';
import { routes } from '../../routes';

export const NICKNAME_MAX = 32;

type LoadState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; me: Me };

export interface ProfileForm {
  load: LoadState;
  reload: () => void;
  nickname: string;
  setNickname: (value: string) => void;
  /** A birthday picked but not saved yet (only while none is set). */
  birthday: string | null;
  setBirthday: (value: string) => void;
  dirty: boolean;
  saving: boolean;
  save: () => Promise<void>;
  bindingPhone: boolean;
  onPhoneCode: (code: string) => void;
  onPhoneError: (error: unknown) => void;
  changingAvatar: boolean;
  onAvatarChosen: (tempPath: string) => void;
  logout: () => Promise<void>;
}

const toast = (title: string, icon: 'none' | 'success' = 'none') => void Taro.showToast({ title, icon, duration: 2000 });

/** The profile being edited: nickname and birthday are saved together; phone and avatar at once. */
export function useProfileForm(): ProfileForm {
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [nickname, setNickname] = useState('');
  const [birthday, setBirthday] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [bindingPhone, setBindingPhone] = useState(false);
  const [changingAvatar, setChangingAvatar] = useState(false);

  const me = load.status === 'ready' ? load.me : null;

  const show = useCallback((next: Me) => {
    setLoad({ status: 'ready', me: next });
    setNickname(next.nickname);
    setBirthday(null);
  }, []);

  const reload = useCallback(() => {
    setLoad({ status: 'loading' });
    getMe({ silent: true }).then(show, (error: unknown) => setLoad({ status: 'error', message: errorMessage(error) }));
  }, [show]);

  useDidShow(() => {
    if (load.status !== 'ready') reload();
  });

  const patch = buildPatch(me, nickname, birthday);
  const dirty = Object.keys(patch).length > 0;

  const save = async () => {
    if (!me || saving) return;
    const trimmed = nickname.trim();
    if (!trimmed) return toast('请输入昵称');
    if (trimmed.length > NICKNAME_MAX) return toast(`昵称最多 ${NICKNAME_MAX} 个字`);
    if (!dirty) return toast('资料没有改动');
    if (patch.birthday && !(await confirmBirthday(patch.birthday))) return;
    setSaving(true);
    try {
      show(await updateMe(patch));
      toast('保存成功', 'success');
    } catch {
      // The request wrapper has shown the BFF's message (e.g. 生日设置后不可修改).
    } finally {
      setSaving(false);
    }
  };

  const onPhoneCode = (code: string) => {
    setBindingPhone(true);
    bindPhone(code)
      .then((next) => {
        setLoad({ status: 'ready', me: next });
        toast('手机号绑定成功', 'success');
      })
      .catch(() => undefined) // toast shown by the request wrapper
      .finally(() => setBindingPhone(false));
  };

  const onPhoneError = (error: unknown) => {
    if (isApiError(error) && error.code === 'PHONE_DENIED') return toast('未授权手机号');
    toast(errorMessage(error));
  };

  const onAvatarChosen = (tempPath: string) => {
    setChangingAvatar(true);
    uploadAvatar(tempPath)
      .then((avatarUrl) => updateMe({ avatarUrl }))
      .then((next) => {
        setLoad({ status: 'ready', me: next });
        toast('头像已更新', 'success');
      })
      .catch((error: unknown) => {
        // Upload failures come from the platform layer, which does not toast; the BFF's do.
        if (!isApiError(error) || error.status === 0) toast(errorMessage(error));
      })
      .finally(() => setChangingAvatar(false));
  };

  const logout = async () => {
    const { confirm } = await Taro.showModal({
      title: '退出登录',
      content: '退出后将无法查看积分和会员码，确定退出吗？',
      confirmText: '退出',
      confirmColor: '#e93b3d',
    });
    if (!confirm) return;
    await signOut();
    void Taro.switchTab({ url: routes.me() });
  };

  return {
    load,
    reload,
    nickname,
    setNickname,
    birthday,
    setBirthday,
    dirty,
    saving,
    save,
    bindingPhone,
    onPhoneCode,
    onPhoneError,
    changingAvatar,
    onAvatarChosen,
    logout,
  };
}

/** Only what changed; a birthday only while none is set (it can be set once). */
function buildPatch(me: Me | null, nickname: string, birthday: string | null): ProfilePatch {
  if (!me) return {};
  const patch: ProfilePatch = {};
  const trimmed = nickname.trim();
  if (trimmed !== me.nickname) patch.nickname = trimmed;
  if (birthday && !me.birthday) patch.birthday = birthday;
  return patch;
}

async function confirmBirthday(date: string): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    title: '确认生日',
    content: `生日设置为 ${formatDateChinese(date)}，设置后不可修改`,
    confirmText: '确认',
    confirmColor: '#e93b3d',
  });
  return confirm;
}
