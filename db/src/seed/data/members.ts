import type { MemberSeed, StaffSeed } from '../types';

const avatar = (openid: string) => `/media/avatar/${openid}.svg`;

/**
 * Fixed openids that `/sandbox/login-code?openid=` accepts (api.md › demo accounts).
 * Points equal whole yuan spent (1 point per yuan), as if every order had completed.
 */
export const customerSeeds: MemberSeed[] = [
  {
    openid: 'demo-customer-1',
    nickname: '林小满',
    avatarUrl: avatar('demo-customer-1'),
    phone: '13800000001',
    birthday: '1996-03-08',
    tierCode: 'normal',
    totalSpentFen: 35_600,
    pointsBalance: 356,
  },
  {
    openid: 'demo-customer-2',
    nickname: '陈一一',
    avatarUrl: avatar('demo-customer-2'),
    phone: '13800000002',
    birthday: '1992-06-18',
    tierCode: 'silver',
    totalSpentFen: 156_800,
    pointsBalance: 1_568,
  },
  {
    openid: 'demo-customer-3',
    nickname: '王思远',
    avatarUrl: avatar('demo-customer-3'),
    phone: '13800000003',
    birthday: '1988-11-11',
    tierCode: 'gold',
    totalSpentFen: 682_000,
    pointsBalance: 6_820,
  },
  {
    // A brand-new customer: no phone, no birthday yet, no orders, so new-customer offers apply.
    openid: 'demo-customer-4',
    nickname: '赵晓雨',
    avatarUrl: avatar('demo-customer-4'),
    tierCode: 'normal',
    totalSpentFen: 0,
    pointsBalance: 0,
  },
  {
    // Born on 29 February: the birthday job must still give a coupon in non-leap years.
    openid: 'demo-customer-5',
    nickname: '周沐阳',
    avatarUrl: avatar('demo-customer-5'),
    phone: '13800000005',
    birthday: '2000-02-29',
    tierCode: 'normal',
    totalSpentFen: 8_900,
    pointsBalance: 89,
  },
];

/** Staff log in with the same WeChat identity as customers; their member rows come first. */
export const staffMemberSeeds: MemberSeed[] = [
  ['demo-clerk-1', '文三路店·小周', '13900000011'],
  ['demo-clerk-2', '湖滨店·小吴', '13900000012'],
  ['demo-clerk-3', '滨江店·小郑', '13900000013'],
  ['demo-manager-1', '文三路店店长·李敏', '13900000021'],
  ['demo-manager-2', '湖滨店店长·孙浩', '13900000022'],
  ['demo-manager-3', '滨江店店长·何静', '13900000023'],
  ['demo-admin', '总部运营·高远', '13900000099'],
].map(([openid, nickname, phone]) => ({
  openid,
  nickname,
  avatarUrl: avatar(openid),
  phone,
  tierCode: 'normal',
  totalSpentFen: 0,
  pointsBalance: 0,
}));

/** Clerk and manager n work at store n (storeSeeds order); the admin is head office (no store). */
export const staffSeeds: StaffSeed[] = [
  { openid: 'demo-clerk-1', role: 'clerk', storeCode: 'HZ-WS' },
  { openid: 'demo-clerk-2', role: 'clerk', storeCode: 'HZ-HB' },
  { openid: 'demo-clerk-3', role: 'clerk', storeCode: 'HZ-BJ' },
  { openid: 'demo-manager-1', role: 'manager', storeCode: 'HZ-WS' },
  { openid: 'demo-manager-2', role: 'manager', storeCode: 'HZ-HB' },
  { openid: 'demo-manager-3', role: 'manager', storeCode: 'HZ-BJ' },
  { openid: 'demo-admin', role: 'admin', storeCode: null },
];
