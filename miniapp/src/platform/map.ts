import Taro from '@tarojs/taro';

export interface MapPlace {
  name: string;
  address: string;
  /** GCJ-02, the datum of WeChat's maps and of 高德. */
  lat: number;
  lng: number;
}

/** 高德's web marker page for a place (GCJ-02): opens the app on a phone that has it, the web map otherwise. */
export function amapMarkerUrl(place: MapPlace): string {
  const query = [
    `position=${place.lng},${place.lat}`,
    `name=${encodeURIComponent(place.name)}`,
    `src=${encodeURIComponent('悦享生活')}`,
    'coordinate=gaode',
    'callnative=1',
  ].join('&');
  return `https://uri.amap.com/marker?${query}`;
}

/**
 * 导航到店. On weapp WeChat's own map (Taro.openLocation) with its 导航 button; on H5, which has no
 * map of its own, the customer picks 高德地图 (the web marker page) or copying the address.
 */
export async function openPlace(place: MapPlace): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    await Taro.openLocation({ latitude: place.lat, longitude: place.lng, name: place.name, address: place.address, scale: 16 });
    return;
  }
  const { tapIndex } = await Taro.showActionSheet({ itemList: ['用高德地图导航', '复制门店地址'] });
  if (tapIndex === 0) window.location.href = amapMarkerUrl(place);
  else await Taro.setClipboardData({ data: `${place.name} ${place.address}` });
}
