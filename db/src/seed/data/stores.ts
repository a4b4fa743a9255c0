import type { OpeningHours } from '../../schema';
import type { StoreSeed } from '../types';

/** Same hours every day except a later close on Friday and Saturday (weekday 5, 6). */
function weekHours(open: string, close: string, weekendClose: string): OpeningHours {
  return [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
    weekday,
    open,
    close: weekday === 5 || weekday === 6 ? weekendClose : close,
  }));
}

/** Three stores in 杭州, far enough apart that the nearest-store picker has something to sort. */
export const storeSeeds: StoreSeed[] = [
  {
    code: 'HZ-WS',
    name: '悦享生活 文三路店',
    city: '杭州市',
    district: '西湖区',
    address: '浙江省杭州市西湖区文三路 398 号 1 层 108 室',
    phone: '0571-8821 6688',
    lat: 30.27826,
    lng: 120.13278,
    openingHours: weekHours('09:30', '21:30', '22:00'),
  },
  {
    code: 'HZ-HB',
    name: '悦享生活 湖滨店',
    city: '杭州市',
    district: '上城区',
    address: '浙江省杭州市上城区延安路 258 号 湖滨步行街 B1-12',
    phone: '0571-8706 3399',
    lat: 30.25712,
    lng: 120.16561,
    openingHours: weekHours('10:00', '22:00', '22:30'),
  },
  {
    code: 'HZ-BJ',
    name: '悦享生活 滨江江南大道店',
    city: '杭州市',
    district: '滨江区',
    address: '浙江省杭州市滨江区江南大道 3688 号 江畔里商业中心 2 层 216 号',
    phone: '0571-8669 5522',
    lat: 30.20852,
    lng: 120.21196,
    openingHours: weekHours('10:00', '22:00', '22:30'),
  },
];
