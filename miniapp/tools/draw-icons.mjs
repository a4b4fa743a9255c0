// Draws the tab-bar icons and the state illustrations as PNGs with only node built-ins.
// Shapes are signed distance functions, so edges are anti-aliased without supersampling.
// Run from miniapp/: `node tools/draw-icons.mjs` (the outputs are committed).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const ASSETS = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'assets');
const GREY = [0x99, 0x99, 0x99];
const BRAND = [0xe9, 0x3b, 0x3d];
const WHITE = [0xff, 0xff, 0xff];

// ---- distance functions (negative inside) -------------------------------------------------
const segment = (ax, ay, bx, by) => (x, y) => {
  const [px, py, dx, dy] = [x - ax, y - ay, bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - t * dx, py - t * dy);
};
const polyline = (points) => {
  const parts = points.slice(1).map((p, i) => segment(...points[i], ...p));
  return (x, y) => Math.min(...parts.map((d) => d(x, y)));
};
const polygon = (points) => {
  const edges = polyline([...points, points[0]]);
  return (x, y) => {
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i];
      const [xj, yj] = points[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside ? -edges(x, y) : edges(x, y);
  };
};
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const qx = Math.abs(x - (x0 + x1) / 2) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - (y0 + y1) / 2) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const intersect = (a, b) => (x, y) => Math.max(a(x, y), b(x, y));
/** An arc of radius r between two angles (degrees, clockwise from +x with y pointing down). */
const arc = (cx, cy, r, from, to) => {
  const rad = (deg) => (deg * Math.PI) / 180;
  const ends = [from, to].map((a) => [cx + r * Math.cos(rad(a)), cy + r * Math.sin(rad(a))]);
  return (x, y) => {
    const a = (Math.atan2(y - cy, x - cx) * 180) / Math.PI;
    if ((((a - from) % 360) + 360) % 360 <= to - from) return Math.abs(Math.hypot(x - cx, y - cy) - r);
    return Math.min(...ends.map(([ex, ey]) => Math.hypot(x - ex, y - ey)));
  };
};

// ---- painting -------------------------------------------------------------------------------
const fill = (sdf, color) => ({ color, coverage: (x, y) => clamp01(0.5 - sdf(x, y)) });
const stroke = (sdf, width, color) => ({ color, coverage: (x, y) => clamp01(width / 2 + 0.5 - Math.abs(sdf(x, y))) });
const clamp01 = (v) => Math.max(0, Math.min(1, v));

/** Composites layers (first is bottom) over transparent, sampling pixel centres. */
function render(size, layers) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const layer of layers) {
        const c = layer.coverage(x + 0.5, y + 0.5) * (layer.alpha ?? 1);
        if (c === 0) continue;
        const outA = c + a * (1 - c);
        r = (layer.color[0] * c + r * a * (1 - c)) / outA;
        g = (layer.color[1] * c + g * a * (1 - c)) / outA;
        b = (layer.color[2] * c + b * a * (1 - c)) / outA;
        a = outA;
      }
      rgba.set([Math.round(r), Math.round(g), Math.round(b), Math.round(a * 255)], (y * size + x) * 4);
    }
  }
  return encodePng(size, size, rgba);
}

function encodePng(width, height, rgba) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// ---- tab-bar icons (81×81): grey outline; selected = brand fill with white details ---------
const LINE = 5;
const tabIcons = {
  home: {
    body: polygon([
      [40.5, 13],
      [66, 36],
      [66, 67],
      [15, 67],
      [15, 36],
    ]),
    details: [
      polyline([
        [33, 67],
        [33, 50],
        [48, 50],
        [48, 67],
      ]),
    ],
  },
  category: {
    body: (x, y) =>
      Math.min(
        roundRect(13, 13, 36, 36, 6)(x, y),
        circle(56.5, 24.5, 11.5)(x, y),
        roundRect(13, 45, 36, 68, 6)(x, y),
        roundRect(45, 45, 68, 68, 6)(x, y),
      ),
    details: [],
  },
  cart: {
    body: polygon([
      [21, 24],
      [70, 24],
      [64, 50],
      [27, 50],
    ]),
    details: [],
    extra: [
      polyline([
        [8, 14],
        [16, 14],
        [27, 50],
        [27, 55],
        [63, 55],
      ]),
      circle(31, 65, 4.5),
      circle(59, 65, 4.5),
    ],
  },
  me: {
    body: (x, y) => Math.min(circle(40.5, 26, 13)(x, y), intersect(circle(40.5, 78, 27), (_, py) => py - 68)(x, y)),
    details: [],
  },
};

function tabIcon({ body, details, extra = [] }, selected) {
  const color = selected ? BRAND : GREY;
  const layers = [
    ...(selected ? [fill(body, color)] : []),
    stroke(body, LINE, color),
    ...extra.map((sdf) => stroke(sdf, LINE, color)),
    ...details.map((sdf) => stroke(sdf, LINE, selected ? WHITE : color)),
  ];
  return render(81, layers);
}

// ---- state illustrations (360×360): soft grey on a pale disc --------------------------------
const DISC = [0xee, 0xee, 0xee];
const INK = [0xc4, 0xc4, 0xc4];
const PAPER = [0xff, 0xff, 0xff];
const backdrop = fill(circle(180, 180, 150), DISC);

const illustrations = {
  'empty-cart': [
    backdrop,
    fill(
      polygon([
        [120, 140],
        [262, 140],
        [248, 214],
        [138, 214],
      ]),
      PAPER,
    ),
    stroke(
      polygon([
        [120, 140],
        [262, 140],
        [248, 214],
        [138, 214],
      ]),
      12,
      INK,
    ),
    stroke(
      polyline([
        [84, 112],
        [106, 112],
        [138, 214],
        [138, 230],
        [250, 230],
      ]),
      12,
      INK,
    ),
    fill(circle(150, 262, 14), INK),
    fill(circle(238, 262, 14), INK),
  ],
  'empty-box': [
    backdrop,
    fill(roundRect(110, 140, 250, 270, 16), PAPER),
    stroke(roundRect(110, 140, 250, 270, 16), 12, INK),
    stroke(arc(180, 140, 36, 180, 360), 12, INK),
    fill(circle(152, 176, 8), INK),
    fill(circle(208, 176, 8), INK),
  ],
  error: [
    backdrop,
    stroke(arc(180, 236, 116, 225, 315), 14, INK),
    stroke(arc(180, 236, 80, 225, 315), 14, INK),
    stroke(arc(180, 236, 44, 225, 315), 14, INK),
    fill(circle(180, 236, 12), INK),
    stroke(segment(104, 104, 256, 256), 22, DISC),
    stroke(segment(104, 104, 256, 256), 12, BRAND),
  ],
  // 仅限门店员工: a padlock
  lock: [
    backdrop,
    stroke(arc(180, 150, 44, 180, 360), 14, INK),
    stroke(segment(136, 150, 136, 176), 14, INK),
    stroke(segment(224, 150, 224, 176), 14, INK),
    fill(roundRect(116, 172, 244, 272, 18), PAPER),
    stroke(roundRect(116, 172, 244, 272, 18), 12, INK),
    fill(circle(180, 212, 13), INK),
    stroke(segment(180, 214, 180, 244), 11, INK),
  ],
};

// ---- small line icons (96×96) for the 我的 page: brand-coloured strokes ---------------------
const W = 7;
const lineIcons = {
  // 待付款: a wallet
  'order/pending-payment': [
    stroke(roundRect(14, 26, 82, 76, 10), W, BRAND),
    stroke(
      polyline([
        [22, 26],
        [62, 14],
        [68, 26],
      ]),
      W,
      BRAND,
    ),
    stroke(roundRect(56, 44, 82, 58, 4), W, BRAND),
  ],
  // 待成团: two people
  'order/awaiting-group': [
    stroke(circle(36, 34, 12), W, BRAND),
    stroke(
      intersect(circle(36, 86, 26), (_, y) => y - 78),
      W,
      BRAND,
    ),
    stroke(circle(66, 30, 10), W, BRAND),
    stroke(arc(66, 76, 22, 250, 360), W, BRAND),
  ],
  // 待自提: a shop front
  'order/ready-for-pickup': [
    stroke(
      polyline([
        [18, 36],
        [24, 16],
        [72, 16],
        [78, 36],
      ]),
      W,
      BRAND,
    ),
    stroke(
      polyline([
        [18, 36],
        [78, 36],
      ]),
      W,
      BRAND,
    ),
    stroke(
      polyline([
        [24, 40],
        [24, 80],
        [72, 80],
        [72, 40],
      ]),
      W,
      BRAND,
    ),
    stroke(
      polyline([
        [40, 80],
        [40, 58],
        [56, 58],
        [56, 80],
      ]),
      W,
      BRAND,
    ),
  ],
  // 已完成: a tick in a circle
  'order/completed': [
    stroke(circle(48, 48, 32), W, BRAND),
    stroke(
      polyline([
        [34, 48],
        [44, 58],
        [62, 38],
      ]),
      W,
      BRAND,
    ),
  ],
  // 会员码: a QR code
  'entry/member-code': [
    stroke(roundRect(16, 16, 42, 42, 4), W, BRAND),
    stroke(roundRect(54, 16, 80, 42, 4), W, BRAND),
    stroke(roundRect(16, 54, 42, 80, 4), W, BRAND),
    fill(roundRect(54, 54, 66, 66, 2), BRAND),
    fill(roundRect(70, 70, 80, 80, 2), BRAND),
  ],
  // 优惠券: a ticket with notches
  'entry/coupons': [
    stroke(
      intersect(roundRect(12, 24, 84, 72, 8), (x, y) => -Math.min(circle(12, 48, 9)(x, y), circle(84, 48, 9)(x, y))),
      W,
      BRAND,
    ),
    stroke(
      polyline([
        [60, 30],
        [60, 66],
      ]),
      5,
      BRAND,
    ),
  ],
  // 积分: a coin
  'entry/points': [
    stroke(circle(48, 48, 32), W, BRAND),
    stroke(
      polyline([
        [36, 34],
        [48, 48],
        [60, 34],
      ]),
      6,
      BRAND,
    ),
    stroke(
      polyline([
        [48, 48],
        [48, 66],
      ]),
      6,
      BRAND,
    ),
    stroke(
      polyline([
        [37, 52],
        [59, 52],
      ]),
      6,
      BRAND,
    ),
  ],
  // 门店自提: a map pin
  'entry/pickup': [
    stroke(
      (x, y) =>
        Math.min(
          circle(48, 40, 24)(x, y),
          polygon([
            [28, 54],
            [68, 54],
            [48, 82],
          ])(x, y),
        ),
      W,
      BRAND,
    ),
    stroke(circle(48, 40, 9), W, BRAND),
  ],
  // 店员工作台: a badge on a lanyard
  'entry/staff': [
    stroke(roundRect(22, 28, 74, 82, 8), W, BRAND),
    stroke(
      polyline([
        [38, 14],
        [38, 28],
      ]),
      W,
      BRAND,
    ),
    stroke(
      polyline([
        [58, 14],
        [58, 28],
      ]),
      W,
      BRAND,
    ),
    stroke(circle(48, 48, 8), W, BRAND),
    stroke(
      polyline([
        [34, 70],
        [62, 70],
      ]),
      W,
      BRAND,
    ),
  ],
  // 核销取货: a scan frame
  'staff/verify': [
    stroke(
      polyline([
        [16, 36],
        [16, 16],
        [36, 16],
      ]),
      W,
      BRAND,
    ),
    stroke(
      polyline([
        [60, 16],
        [80, 16],
        [80, 36],
      ]),
      W,
      BRAND,
    ),
    stroke(
      polyline([
        [16, 60],
        [16, 80],
        [36, 80],
      ]),
      W,
      BRAND,
    ),
    stroke(
      polyline([
        [60, 80],
        [80, 80],
        [80, 60],
      ]),
      W,
      BRAND,
    ),
    stroke(segment(26, 48, 70, 48), W, BRAND),
  ],
  // 备货队列: a clipboard
  'staff/queue': [
    stroke(roundRect(20, 20, 76, 84, 8), W, BRAND),
    fill(roundRect(34, 12, 62, 28, 5), BRAND),
    stroke(segment(33, 46, 63, 46), W, BRAND),
    stroke(segment(33, 60, 63, 60), W, BRAND),
    stroke(segment(33, 74, 51, 74), W, BRAND),
  ],
  // 今日已取: a shopping bag with a tick
  'staff/picked': [
    stroke(
      polygon([
        [18, 36],
        [78, 36],
        [73, 84],
        [23, 84],
      ]),
      W,
      BRAND,
    ),
    stroke(arc(48, 36, 14, 180, 360), W, BRAND),
    stroke(
      polyline([
        [35, 60],
        [45, 70],
        [62, 52],
      ]),
      W,
      BRAND,
    ),
  ],
  // 收银台: a cash register
  'staff/till': [
    stroke(roundRect(14, 46, 82, 84, 6), W, BRAND),
    stroke(roundRect(24, 14, 60, 34, 4), W, BRAND),
    stroke(segment(42, 34, 42, 46), W, BRAND),
    fill(circle(31, 60, 4.5), BRAND),
    fill(circle(48, 60, 4.5), BRAND),
    fill(circle(65, 60, 4.5), BRAND),
    stroke(segment(28, 72, 68, 72), W, BRAND),
  ],
  // 库存预警: a box and an alert
  'staff/stock': [
    stroke(roundRect(12, 42, 56, 84, 6), W, BRAND),
    stroke(segment(12, 56, 56, 56), W, BRAND),
    stroke(segment(28, 56, 28, 66), W, BRAND),
    stroke(circle(70, 28, 16), W, BRAND),
    stroke(segment(70, 20, 70, 30), 6, BRAND),
    fill(circle(70, 37, 3.5), BRAND),
  ],
  // 售后审核: a return arrow
  'staff/after-sale': [
    stroke(arc(48, 50, 28, 240, 510), W, BRAND),
    fill(
      polygon([
        [22, 31],
        [41, 35],
        [31, 15],
      ]),
      BRAND,
    ),
    stroke(
      polyline([
        [39, 38],
        [48, 49],
        [57, 38],
      ]),
      5.5,
      BRAND,
    ),
    stroke(segment(48, 49, 48, 65), 5.5, BRAND),
    stroke(segment(40, 54, 56, 54), 5.5, BRAND),
  ],
  // 经营数据: a bar chart
  'staff/metrics': [
    stroke(segment(14, 84, 82, 84), W, BRAND),
    stroke(segment(26, 74, 26, 54), 11, BRAND),
    stroke(segment(48, 74, 48, 38), 11, BRAND),
    stroke(segment(70, 74, 70, 22), 11, BRAND),
  ],
};

// ---- home page: search glyph (48×48, grey) and the banner's shop front (200×200, white) -----
const search = [stroke(circle(21, 21, 12), 4.5, GREY), stroke(segment(30, 30, 40, 40), 4.5, GREY)];
const bannerStore = lineIcons['order/ready-for-pickup'].map((layer) => ({
  coverage: (x, y) => layer.coverage((x * 96) / 200, (y * 96) / 200),
  color: WHITE,
  alpha: 0.9,
}));

// ---- default avatar (160×160) -----------------------------------------------------------------
const avatar = [
  fill(circle(80, 80, 80), [0xff, 0xe3, 0xe0]),
  fill(circle(80, 62, 26), WHITE),
  fill(intersect(circle(80, 150, 50), circle(80, 80, 80)), WHITE),
];

function write(relative, png) {
  const file = join(ASSETS, relative);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, png);
  console.log(`${relative} ${png.length} B`);
}

for (const [name, icon] of Object.entries(tabIcons)) {
  write(`tabbar/${name}.png`, tabIcon(icon, false));
  write(`tabbar/${name}-active.png`, tabIcon(icon, true));
}
for (const [name, layers] of Object.entries(illustrations)) write(`state/${name}.png`, render(360, layers));
for (const [name, layers] of Object.entries(lineIcons)) write(`${name}.png`, render(96, layers));
write('avatar-default.png', render(160, avatar));
write('search.png', render(48, search));
write('banner-store.png', render(200, bannerStore));
