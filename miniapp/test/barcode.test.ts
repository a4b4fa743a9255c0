import { inflateSync } from 'node:zlib';
import { CODE128_QUIET_MODULES, code128Checksum, code128DataUrl, code128Modules, code128Values } from '../src/utils/barcode';

/** Module patterns of the standard's symbol table (1 = bar), for the values these tests use. */
const KNOWN: Record<number, string> = {
  0: '11011001100',
  1: '11001101100',
  12: '10110011100',
  17: '10011100110',
  34: '10001011000',
  35: '10001000110',
  42: '10110111000',
  48: '11101110110',
  55: '11101000110',
  82: '10010011110',
  99: '10111011110',
  100: '10111101110',
  102: '11110101110',
  104: '11010010000',
  105: '11010011100',
  106: '1100011101011',
};

const bits = (values: number[]) =>
  code128Modules(values)
    .map((bar) => (bar ? '1' : '0'))
    .join('');

test.each(Object.entries(KNOWN))('symbol %s has the standard pattern', (value, pattern) => {
  expect(bits([Number(value)])).toBe(pattern);
});

test('every data and start symbol is 11 modules of 3 bars and 3 spaces; stop is 13', () => {
  for (let value = 0; value <= 105; value++) {
    const pattern = bits([value]);
    expect(pattern).toHaveLength(11);
    expect(pattern.startsWith('1') && pattern.endsWith('0')).toBe(true);
    expect(pattern.match(/1+/g)).toHaveLength(3);
  }
  expect(bits([106])).toHaveLength(13);
  // Symbols are distinct, or a scanner could not tell them apart.
  const all = new Set(Array.from({ length: 107 }, (_, value) => bits([value])));
  expect(all.size).toBe(107);
});

test.each([
  // Start C, 12, 34; (105 + 12·1 + 34·2) mod 103 = 82.
  ['1234', [105, 12, 34, 82, 106]],
  // The textbook set-B example: 879 mod 103 = 55, the check character "W".
  ['PJJ123C', [104, 48, 42, 42, 17, 18, 19, 35, 55, 106]],
  // An 18-digit member code is nine digit pairs in set C: (105 + 25·5 + 68·6 + 69·7 + 5·8 + 66·9) mod 103 = 4.
  ['000000002568690566', [105, 0, 0, 0, 0, 25, 68, 69, 5, 66, 4, 106]],
  // An odd digit count: pairs in C, then Code B (100) for the last digit; 569 mod 103 = 54.
  ['12345', [105, 12, 34, 100, 21, 54, 106]],
  // Letters, then a run of six digits in C (Code C = 99), then back to B (100) for "X"; 2204 mod 103 = 41.
  ['AB123456X', [104, 33, 34, 99, 12, 34, 56, 100, 56, 41, 106]],
])('code128Values(%s)', (text, values) => {
  expect(code128Values(text)).toEqual(values);
  expect(code128Checksum(values.slice(0, -2))).toBe(values[values.length - 2]);
});

test('the full symbol of "1234" reads start C, 12, 34, check 82, stop', () => {
  expect(bits(code128Values('1234'))).toBe(KNOWN[105] + KNOWN[12] + KNOWN[34] + KNOWN[82] + KNOWN[106]);
});

test('text outside printable ASCII is refused, and so is empty text', () => {
  expect(() => code128Values('会员')).toThrow();
  expect(() => code128Values('a\nb')).toThrow();
  expect(() => code128Values('')).toThrow();
});

test('code128DataUrl draws each module as whole pixels between white quiet zones', () => {
  const text = '000000002568690566';
  const modulePixels = 3;
  const image = code128DataUrl(text, { modulePixels, height: 6 });
  const modules = code128Modules(code128Values(text));
  expect(image.width).toBe((modules.length + 2 * CODE128_QUIET_MODULES) * modulePixels);
  expect(image.height).toBe(6);

  const png = Buffer.from(image.src.slice('data:image/png;base64,'.length), 'base64');
  let at = 8;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rowBytes = 1 + Math.ceil(image.width / 8);
  const dark = (x: number, y: number) => (raw[y * rowBytes + 1 + (x >> 3)] & (0x80 >> (x & 7))) === 0;
  for (let y = 0; y < image.height; y++) {
    let row = '';
    for (let x = 0; x < image.width; x += modulePixels) {
      for (let p = 1; p < modulePixels; p++) expect(dark(x + p, y)).toBe(dark(x, y));
      row += dark(x, y) ? '1' : '0';
    }
    const quiet = '0'.repeat(CODE128_QUIET_MODULES);
    expect(row).toBe(quiet + bits(code128Values(text)) + quiet);
  }
});
