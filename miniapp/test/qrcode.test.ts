import { inflateSync } from 'node:zlib';
import { create } from 'qrcode/lib/core/qrcode';
import { encodeBitmapPng, toBase64 } from '../src/utils/png';
import { qrDataUrl } from '../src/utils/qrcode';

/** Reads back what encodeBitmapPng wrote, using Node's zlib as the independent decoder. */
function decodeBitmapPng(png: Buffer): { width: number; height: number; dark: (x: number, y: number) => boolean } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([...data.subarray(8)]).toEqual([1, 0, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rowBytes = 1 + Math.ceil(width / 8);
  expect(raw.length).toBe(rowBytes * height);
  return {
    width,
    height,
    dark: (x, y) => (raw[y * rowBytes + 1 + (x >> 3)] & (0x80 >> (x & 7))) === 0,
  };
}

test('encodeBitmapPng round-trips through zlib, with a valid CRC per chunk', () => {
  const pattern = (x: number, y: number) => (x * 7 + y * 3) % 5 === 0;
  const png = Buffer.from(encodeBitmapPng(13, 9, pattern));
  const image = decodeBitmapPng(png);
  expect([image.width, image.height]).toEqual([13, 9]);
  for (let y = 0; y < 9; y++) for (let x = 0; x < 13; x++) expect(image.dark(x, y)).toBe(pattern(x, y));
});

test('large bitmaps span several stored deflate blocks', () => {
  const png = Buffer.from(encodeBitmapPng(1200, 900, (x, y) => x === y));
  const image = decodeBitmapPng(png);
  expect(image.dark(500, 500)).toBe(true);
  expect(image.dark(501, 500)).toBe(false);
});

test('toBase64 matches Node', () => {
  for (const text of ['', 'a', 'ab', 'abc', 'abcd', '会员码']) {
    const bytes = new Uint8Array(Buffer.from(text));
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  }
});

test('qrDataUrl draws the modules of the qrcode package, scaled and with a light margin', () => {
  const code = '000000002568690566';
  const url = qrDataUrl(code, { minPixels: 250, margin: 2 });
  expect(url.startsWith('data:image/png;base64,')).toBe(true);
  const image = decodeBitmapPng(Buffer.from(url.slice('data:image/png;base64,'.length), 'base64'));
  const { modules } = create(code, { errorCorrectionLevel: 'M' });
  const cells = modules.size + 4;
  const scale = image.width / cells;
  expect(Number.isInteger(scale)).toBe(true);
  expect(image.width).toBeGreaterThanOrEqual(250);
  for (let row = -2; row < modules.size + 2; row++) {
    for (let col = -2; col < modules.size + 2; col++) {
      const inside = row >= 0 && col >= 0 && row < modules.size && col < modules.size;
      const expected = inside && modules.get(row, col) === 1;
      const x = (col + 2) * scale + Math.floor(scale / 2);
      const y = (row + 2) * scale + Math.floor(scale / 2);
      expect(image.dark(x, y)).toBe(expected);
    }
  }
});
