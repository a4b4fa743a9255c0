import Taro from '@tarojs/taro';
import { ApiError } from '../services/errors';

/** Whether this platform has a camera scanner; where it has none (H5), codes are typed in. */
export const canScan: boolean = process.env.TARO_ENV === 'weapp';

/** What the camera looks for: a 会员码 or 券码 is shown as both, a product only has its barcode. */
export type ScanKind = 'any' | 'barcode';

/**
 * Scans a QR or bar code with the camera (扫一扫) and returns its text (pickup codes, member codes,
 * coupon codes, product barcodes). Rejects with SCAN_CANCELLED when the user closed the scanner
 * (callers stay quiet then) and SCAN_FAILED when nothing could be read.
 */
export async function scan(kind: ScanKind = 'any'): Promise<string> {
  if (process.env.TARO_ENV !== 'weapp') {
    // Taro's H5 scanCode needs the WeChat JS-SDK and may resolve without a result.
    throw new ApiError('UNSUPPORTED', '当前环境暂不支持扫码，请手动输入', 0);
  }
  try {
    const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: kind === 'barcode' ? ['barCode'] : ['qrCode', 'barCode'] });
    if (!result) throw new Error('empty scan');
    return result;
  } catch (error) {
    const message = (error as { errMsg?: string } | null)?.errMsg ?? '';
    if (/cancel/i.test(message)) throw new ApiError('SCAN_CANCELLED', '已取消扫码', 0);
    throw new ApiError('SCAN_FAILED', '未识别到条码或二维码，请重试或手动输入', 0);
  }
}

/** Whether a scan failure is the user closing the scanner (nothing to tell them). */
export function isScanCancelled(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'SCAN_CANCELLED';
}
