import { Image, Text, View } from '@tarojs/components';
import groupIcon from '../../../assets/order/awaiting-group.png';
import couponsIcon from '../../../assets/entry/coupons.png';
import favoritesIcon from '../../../assets/entry/favorites.png';
import memberCodeIcon from '../../../assets/entry/member-code.png';
import pickupIcon from '../../../assets/entry/pickup.png';
import pointsIcon from '../../../assets/entry/points.png';
import staffIcon from '../../../assets/entry/staff.png';
import type { Me } from '../../../services/member';
import { openPage } from '../../../utils/navigate';
import { routes, type PageUrl } from '../../../routes';

interface Entry {
  label: string;
  hint?: string;
  icon: string;
  url: PageUrl;
  /** Needs a member: signed-out customers are asked to sign in first. */
  member?: boolean;
}

interface EntryListProps {
  /** null while signed out. */
  me: Me | null;
  /** Groups of mine still waiting for members (the 我的拼团 hint); null when unknown. */
  openGroups: number | null;
  /** Signs in; resolves true on success. */
  onSignIn: () => Promise<boolean>;
}

/** Member services, plus the staff workspace for store staff and head office. */
export function EntryList({ me, openGroups, onSignIn }: EntryListProps) {
  const groupsHint = openGroups ? `${openGroups} 个团待成团` : '开团 · 参团记录';
  const entries: Entry[] = [
    { label: '会员码', hint: '到店出示，积分折扣同享', icon: memberCodeIcon, url: routes.memberCode(), member: true },
    { label: '我的拼团', hint: groupsHint, icon: groupIcon, url: routes.myGroups(), member: true },
    { label: '领券中心', hint: '好券天天领', icon: couponsIcon, url: routes.couponCenter() },
    { label: '我的优惠券', hint: '积分兑换好券', icon: couponsIcon, url: routes.couponMine(), member: true },
    { label: '积分明细', hint: me ? `${me.points} 积分` : undefined, icon: pointsIcon, url: routes.points(), member: true },
    { label: '我的收藏', hint: '收藏的好物', icon: favoritesIcon, url: routes.favorites(), member: true },
    { label: '门店自提', hint: '查看附近门店', icon: pickupIcon, url: routes.storePicker() },
  ];
  if (me?.staff) {
    // Head-office admins have no store.
    entries.push({ label: '店员工作台', hint: me.staff.storeName ?? '总部', icon: staffIcon, url: routes.staffHome() });
  }

  const open = (entry: Entry) => {
    if (entry.member && !me) {
      void onSignIn().then((ok) => ok && openPage(entry.url));
    } else {
      openPage(entry.url);
    }
  };

  return (
    <View className="me-card card">
      {entries.map((entry) => (
        <View key={entry.label} className="me-entry" hoverClass="me-entry--pressed" onClick={() => open(entry)}>
          <Image className="me-entry__icon" src={entry.icon} />
          <Text className="me-entry__label">{entry.label}</Text>
          {entry.hint && <Text className="me-entry__hint">{entry.hint}</Text>}
          <View className="chevron me-entry__chevron" />
        </View>
      ))}
    </View>
  );
}
