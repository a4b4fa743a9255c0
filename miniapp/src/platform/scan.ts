import Taro from '@tarojs/taro'
import { ApiError } from '../services/errors'

/** Scans a QR or bar code with the camera and returns its text (pickup codes, coupon QRs). */
export async function scan(): Promise<string> {
  if (process.env.TARO_ENV !== 'weapp') {
    // Taro's H5 scanCode needs the WeChat JS-SDK and may resolve without a result.
    throw new ApiError('UNSUPPORTED', '当前环境暂不支持扫码，请手动输入', 0)
  }
  try {
    const { result } = await Taro.scanCode({ scanType: ['qrCode', 'barCode'] })
    return result
  } catch {
    throw new ApiError('SCAN_CANCELLED', '未识别到二维码', 0)
  }
}
