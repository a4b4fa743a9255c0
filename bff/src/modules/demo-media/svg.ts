/**
 * Drawn stand-ins for the demo retailer's pictures (the seed has no photo library): soft
 * gradients with the item's name, deterministic per key so the catalog looks stable.
 */
const PALETTES: [string, string][] = [
  ['#FDE2E4', '#FAD2E1'],
  ['#E2ECE9', '#BEE1E6'],
  ['#FFF1E6', '#F0EFEB'],
  ['#DFE7FD', '#CDDAFD'],
  ['#EAE4E9', '#FDE2E4'],
  ['#E9F5DB', '#CFE1B9'],
  ['#FFF3C4', '#FFE0A3'],
  ['#F1E3F3', '#D7C4E6'],
];
const INK = ['#B23A48', '#2E6F6A', '#A0522D', '#3A5BA0', '#7A4E7E', '#557A2E', '#A36A00', '#6A4C93'];
const FONT = `'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif`;

function hash(key: string): number {
  let h = 2166136261;
  for (const ch of key) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return h >>> 0;
}

const escape = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Square product picture: big initial, product title, brand. */
export function productSvg(key: string, title: string, brand: string, initial: string): string {
  const i = hash(key) % PALETTES.length;
  const [from, to] = PALETTES[i];
  const shortTitle = [...title].slice(0, 12).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="750" height="750" viewBox="0 0 750 750">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
<rect width="750" height="750" fill="url(#g)"/>
<circle cx="375" cy="320" r="170" fill="#ffffff" fill-opacity="0.75"/>
<text x="375" y="382" font-family="${FONT}" font-size="170" text-anchor="middle" fill="${INK[i]}">${escape(initial)}</text>
<text x="375" y="590" font-family="${FONT}" font-size="46" text-anchor="middle" fill="#333">${escape(shortTitle)}</text>
<text x="375" y="660" font-family="${FONT}" font-size="34" text-anchor="middle" fill="#777" letter-spacing="6">${escape(brand)}</text>
</svg>`;
}

/** Round badge with one or two characters: category icons and avatars. */
export function badgeSvg(key: string, label: string): string {
  const i = hash(key) % PALETTES.length;
  const text = [...label].slice(0, 2).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160">
<circle cx="80" cy="80" r="80" fill="${PALETTES[i][1]}"/>
<text x="80" y="${text.length > 1 ? 96 : 104}" font-family="${FONT}" font-size="${text.length > 1 ? 46 : 72}" text-anchor="middle" fill="${INK[i]}">${escape(text)}</text>
</svg>`;
}

/** 16:9 live cover. */
export function coverSvg(key: string, title: string, host: string): string {
  const i = hash(key) % PALETTES.length;
  const [from, to] = PALETTES[i];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="540" viewBox="0 0 960 540">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
<rect width="960" height="540" fill="url(#g)"/>
<text x="60" y="250" font-family="${FONT}" font-size="64" fill="${INK[i]}">${escape([...title].slice(0, 12).join(''))}</text>
<text x="60" y="330" font-family="${FONT}" font-size="36" fill="#555">主播 · ${escape(host)}</text>
</svg>`;
}
