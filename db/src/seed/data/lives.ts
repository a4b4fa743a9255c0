import type { LiveRoomSeed } from '../types';
import { days, hours, minutes } from '../types';

/*
 * Windows are offsets from the `now` of the FIRST seed and are not moved by a re-seed. A room's
 * status is computed from its window (no override is seeded): the first is live at seed time,
 * the second is 预告.
 */
export const liveRoomSeeds: LiveRoomSeed[] = [
  {
    code: 'LIVE-WOMEN-01',
    title: '换季上新 女装专场',
    coverUrl: '/media/live/LIVE-WOMEN-01.svg',
    hostName: '主播小满',
    description: '文三路店直播间：春夏新款连衣裙、防晒外套现场试穿，直播间专享价。',
    window: { from: minutes(-30), to: hours(2.5) },
    finderUserName: 'sphDemo001',
    storeCode: 'HZ-WS',
    products: [
      { sku: { spu: 'W1001', spec: { 颜色: '碎花蓝', 尺码: 'M' } }, livePriceFen: 19900 },
      { sku: { spu: 'W1012', spec: { 颜色: '白色', 尺码: '均码' } }, livePriceFen: 12900 },
      { spu: 'W1003' },
      { spu: 'B5003' },
    ],
    couponDrops: [
      { templateCode: 'LIVE-159-30', at: minutes(-15) },
      { templateCode: 'LIVE-159-30', at: minutes(60) },
    ],
  },
  {
    code: 'LIVE-HOME-01',
    title: '家居好物 周末囤货夜',
    coverUrl: '/media/live/LIVE-HOME-01.svg',
    hostName: '主播阿杰',
    description: '滨江店直播间：床品四件套、保温杯、香薰好物推荐，整点发券。',
    window: { from: days(1), to: days(1) + hours(2) },
    finderUserName: 'sphDemo001',
    storeCode: 'HZ-BJ',
    products: [
      { sku: { spu: 'H4001', spec: { 颜色: '雾霾蓝', 规格: '1.8m床' } }, livePriceFen: 59900 },
      { sku: { spu: 'H4011', spec: { 香型: '白茶' } }, livePriceFen: 6900 },
      { spu: 'H4009' },
    ],
    couponDrops: [{ templateCode: 'LIVE-159-30', at: days(1) + minutes(10) }],
  },
];
