import { encodeBitmapPng, toBase64 } from './png';

/**
 * Code 128 (ISO/IEC 15417), the 1-D symbology till scanners read when they cannot read QR. Pure
 * code, no canvas or DOM, so the same picture is drawn on weapp and H5 (as `qrcode.ts` does for
 * the QR): `code128Values` picks the symbol values, `code128Modules` lays them out as bars, and
 * `code128DataUrl` draws them through `png.ts`.
 */

/**
 * Bar and space widths (in modules) of symbol values 0–106, bar first. Each 0–105 pattern is
 * 3 bars + 3 spaces over 11 modules; 106 (stop) has a fourth bar and spans 13.
 */
// prettier-ignore
const PATTERNS = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
];

const START_B = 104;
const START_C = 105;
const STOP = 106;
const CODE_C = 99;
const CODE_B = 100;

/** Light margin each side, in modules: the standard asks for at least ten. */
export const CODE128_QUIET_MODULES = 10;

/**
 * The symbol values for `text`, start to stop, checksum included. Digits go in code set C, two a
 * symbol (an 18-digit member code is 9 data symbols); anything else in code set B (printable
 * ASCII), switching to C only for a run of at least four digits that it shortens.
 */
export function code128Values(text: string): number[] {
  if (!text) throw new Error('Code 128 needs at least one character');
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 32 || code > 126) throw new Error(`Code 128 set B cannot encode ${JSON.stringify(char)}`);
  }
  const values: number[] = [];
  let set: 'B' | 'C';
  let at = 0;
  const digitRun = (from: number) => {
    let end = from;
    while (end < text.length && text[end] >= '0' && text[end] <= '9') end++;
    return end - from;
  };
  if (digitRun(0) === text.length && text.length % 2 === 0) {
    set = 'C';
    values.push(START_C);
  } else if (digitRun(0) >= 4) {
    set = 'C';
    values.push(START_C);
  } else {
    set = 'B';
    values.push(START_B);
  }
  while (at < text.length) {
    const run = digitRun(at);
    if (set === 'C') {
      if (run >= 2) {
        values.push(Number(text.slice(at, at + 2)));
        at += 2;
        continue;
      }
      values.push(CODE_B);
      set = 'B';
      continue;
    }
    // In set B, a digit run of four or more (an even part of it) is cheaper in set C.
    if (run >= 4) {
      if (run % 2 === 1) {
        values.push(text.charCodeAt(at) - 32);
        at += 1;
      }
      values.push(CODE_C);
      set = 'C';
      continue;
    }
    values.push(text.charCodeAt(at) - 32);
    at += 1;
  }
  values.push(code128Checksum(values));
  values.push(STOP);
  return values;
}

/** Start value plus each data value times its position (1-based), mod 103. */
export function code128Checksum(startAndData: readonly number[]): number {
  let sum = startAndData[0];
  for (let i = 1; i < startAndData.length; i++) sum += startAndData[i] * i;
  return sum % 103;
}

/** The symbol as modules, true = bar, quiet zones not included. */
export function code128Modules(values: readonly number[]): boolean[] {
  const modules: boolean[] = [];
  for (const value of values) {
    const pattern = PATTERNS[value];
    if (!pattern) throw new Error(`No Code 128 symbol ${value}`);
    for (let i = 0; i < pattern.length; i++) {
      for (let w = 0; w < Number(pattern[i]); w++) modules.push(i % 2 === 0);
    }
  }
  return modules;
}

export interface BarcodeImage {
  /** `data:image/png` URL. */
  src: string;
  /** Width in pixels; each module is the same whole number of pixels, so bars stay crisp. */
  width: number;
  height: number;
}

/**
 * A Code 128 barcode of `text` as a PNG data URL, with quiet zones. `modulePixels` wide bars keep
 * their width when the picture is scaled to the screen; the height is stretched by the page.
 */
export function code128DataUrl(text: string, { modulePixels = 4, height = 48 } = {}): BarcodeImage {
  const modules = code128Modules(code128Values(text));
  const cells = modules.length + CODE128_QUIET_MODULES * 2;
  const width = cells * modulePixels;
  const png = encodeBitmapPng(width, height, (x) => {
    const module = Math.floor(x / modulePixels) - CODE128_QUIET_MODULES;
    return module >= 0 && module < modules.length && modules[module];
  });
  return { src: `data:image/png;base64,${toBase64(png)}`, width, height };
}
