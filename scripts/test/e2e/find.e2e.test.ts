import type { Locator, Page, Route } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { categories, products } from '@shop/db';
import { launchBrowser, screenshot, useDemoAccount, type Browser } from '../../src/e2e/harness';
import { startStack, type Stack } from '../../src/e2e/stack';

// Finding products on the real product (H5 build → BFF → MariaDB/Redis): 搜索联想 while typing,
// 搜索历史, 猜你喜欢 under an empty result, the 分类 tab's product lists, and the skeletons shown
// while each loads. Screenshots at 375 and 320 px of every page this changes.
jest.setTimeout(180_000);

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stack = await startStack('e2e_find');
  browser = await launchBrowser();
  await useDemoAccount(browser.context, 'demo-customer-2');
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

// Pages stay mounted (hidden) under the one on top, so every lookup keeps to what is visible.
const visible = (locator: Locator) => locator.locator('visible=true').first();
const text = (value: string) => visible(page.getByText(value, { exact: true }));
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A screenshot once the page transition (and any other finite animation) has finished. */
async function shot(name: string): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity),
  );
  await screenshot(page, name);
}

/** The same view at 375 px and at 320 px (the narrowest phones), then back to 375. */
async function shotBoth(name: string): Promise<void> {
  await shot(`find-${name}-375`);
  await page.setViewportSize({ width: 320, height: 700 });
  await page.waitForTimeout(150);
  await shot(`find-${name}-320`);
  await page.setViewportSize({ width: 375, height: 700 });
  await page.waitForTimeout(150);
}

/** Holds the BFF's answers to matching requests until `release` is called; `done` waits for them to pass, then stops holding. */
function holdRequests(match: (url: URL) => boolean): { release: () => void; done: () => Promise<void> } {
  let release!: () => void;
  const gate = new Promise<void>((open) => (release = open));
  const passing: Promise<void>[] = [];
  const handler = (route: Route) => {
    if (!match(new URL(route.request().url()))) return route.fallback();
    const pass = gate.then(() => route.continue());
    passing.push(pass);
    return pass;
  };
  void page.route('**/api/**', handler);
  return {
    release,
    done: async () => {
      await Promise.all(passing);
      await page.unroute('**/api/**', handler);
    },
  };
}

/** Opens `hash` in a fresh load of the app (a hash change alone would keep the page stack). */
async function open(hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${stack.appUrl}/#${hash}`);
}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${stack.apiBase}${path}`);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

type Page1 = { items: { title: string; minPriceFen: number }[]; total: number };

describe('home', () => {
  test('shows skeletons in the shape of its sections while they load, still under reduced motion', async () => {
    const held = holdRequests((url) => url.pathname === '/api/categories' || url.pathname === '/api/products');
    await page.goto(`${stack.appUrl}/#/pages/index/index`);
    await visible(page.locator('.home-skeleton')).waitFor();
    await visible(page.locator('.skeleton-card')).waitFor();
    expect(await page.locator('.home .state-view__spinner:visible').count()).toBe(0);
    const shimmer = () => visible(page.locator('.skeleton')).evaluate((el) => getComputedStyle(el).animationName);
    expect(await shimmer()).toBe('skeleton-shimmer');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await shimmer()).toBe('none');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await shotBoth('home-skeleton');

    held.release();
    await held.done();
    await visible(page.locator('.home-shortcuts__name')).waitFor();
    await visible(page.locator('.home-hot .product-card')).waitFor();
    expect(await page.locator('.home-skeleton:visible').count()).toBe(0);
    await shotBoth('home');
  });
});

describe('search', () => {
  test('typing "yu" suggests names with the match highlighted; tapping one searches for it', async () => {
    await open('/pages/search/index');
    const input = visible(page.locator('.search-header__input input'));
    await input.waitFor();
    await text('热门搜索').waitFor();
    // 热门搜索: what sells most (sub-categories, then brands), as the BFF ranks it.
    const hot = (await api<{ items: string[] }>('/api/search/hot')).items;
    expect(hot.length).toBeGreaterThan(0);
    await visible(page.locator('.search-suggest__chip').filter({ hasText: hot[0] })).waitFor();
    await expect(page.locator('.search-suggest__chip:visible').allTextContents()).resolves.toEqual(hot);
    await shotBoth('search-start');
    // A new phone has no history yet.
    expect(await page.getByText('搜索历史').locator('visible=true').count()).toBe(0);

    await input.pressSequentially('yu', { delay: 80 });
    const rows = page.locator('.suggest-list__row:not(.suggest-list__row--typed):visible');
    await rows.first().waitFor();
    const expected = (await api<{ items: { text: string; highlight: { start: number; end: number } }[] }>('/api/search/suggest?q=yu'))
      .items;
    expect(expected.length).toBeGreaterThan(0);
    await expect(rows.count()).resolves.toBe(expected.length);
    // Each row says its text, with exactly the characters the BFF matched in brand red.
    for (const [index, item] of expected.entries()) {
      const row = rows.nth(index);
      await expect(row.locator('.suggest-list__text').first().textContent()).resolves.toBe(item.text);
      await expect(row.locator('.suggest-list__hit').textContent()).resolves.toBe(
        item.text.slice(item.highlight.start, item.highlight.end),
      );
    }
    const red = await rows
      .first()
      .locator('.suggest-list__hit')
      .evaluate((el) => getComputedStyle(el).color);
    expect(red).toBe('rgb(233, 59, 61)');
    await text('搜索“yu”').waitFor();
    await shotBoth('search-suggest');

    const picked = expected.find((item) => item.text.length > 2) ?? expected[0];
    await rows.nth(expected.indexOf(picked)).click();
    await visible(page.locator('.search-results__count')).waitFor();
    await expect(input.inputValue()).resolves.toBe(picked.text);
    const found = await api<Page1>(`/api/products?q=${encodeURIComponent(picked.text)}`);
    expect(found.total).toBeGreaterThan(0);
    await expect(visible(page.locator('.search-results__count')).textContent()).resolves.toContain(`共 ${found.total} 件商品`);
    await text(found.items[0].title).waitFor();
    await shotBoth('search-results');
  });

  test('the search just made shows under 搜索历史, and 清空 asks before clearing it', async () => {
    const input = visible(page.locator('.search-header__input input'));
    const word = await input.inputValue();
    await input.click();
    await visible(page.locator('.search-header__clear')).click();
    await text('搜索历史').waitFor();
    await visible(page.locator('.search-suggest__chip').filter({ hasText: word })).waitFor();
    await text('热门搜索').waitFor();
    await shotBoth('search-history');

    await text('清空').click();
    await text('确定清空全部搜索历史吗？').waitFor();
    await text('取消').click();
    await text('搜索历史').waitFor();
    await text('清空').click();
    await text('确定').click();
    await text('确定清空全部搜索历史吗？').waitFor({ state: 'hidden' });
    await text('搜索历史').waitFor({ state: 'hidden' });
    // Only 热门搜索's chips are left (the word may be one of them too).
    await text('热门搜索').waitFor();
    const hot = (await api<{ items: string[] }>('/api/search/hot')).items;
    await expect(page.locator('.search-suggest__chip:visible').allTextContents()).resolves.toEqual(hot);
  });

  test('a slow answer for an earlier text never replaces the suggestions for the latest one', async () => {
    const input = visible(page.locator('.search-header__input input'));
    // The answer for "l" is held back until the one for "lyq" is on screen.
    const held = holdRequests((url) => url.pathname === '/api/search/suggest' && url.searchParams.get('q') === 'l');
    await input.pressSequentially('l');
    await page.waitForRequest((req) => new URL(req.url()).searchParams.get('q') === 'l');
    await input.pressSequentially('yq', { delay: 50 });
    const rows = page.locator('.suggest-list__row:not(.suggest-list__row--typed):visible');
    await rows.first().waitFor();
    const hits = async () => rows.locator('.suggest-list__hit').allTextContents();
    await expect(hits()).resolves.toEqual(expect.arrayContaining(['连衣裙']));
    held.release();
    await page.waitForResponse((res) => new URL(res.url()).searchParams.get('q') === 'l');
    await sleep(500);
    const after = await hits();
    expect(after.length).toBeGreaterThan(0);
    for (const hit of after) expect(hit).toBe('连衣裙');
    await held.done();
    await input.fill('');
  });

  test('a search that finds nothing says so and offers 猜你喜欢: the best sellers', async () => {
    const input = visible(page.locator('.search-header__input input'));
    await input.fill('不存在的商品xyz');
    await input.press('Enter');
    await text('没有找到相关商品，换个词试试').waitFor();
    await text('猜你喜欢').waitFor();
    const cards = page.locator('.guess-like .product-card:visible');
    await cards.first().waitFor();
    const best = await api<Page1>('/api/products?sort=sales&pageSize=6');
    // Each card's title, after its activity tags (拼团 / 秒杀).
    const titles = await cards.locator('.product-card__title').allTextContents();
    expect(titles).toHaveLength(best.items.length);
    best.items.forEach((item, index) => expect(titles[index].endsWith(item.title)).toBe(true));
    await shotBoth('search-empty');

    await cards.first().click();
    await page.waitForURL(/pages\/product\/index\?id=\d+/);
  });

  test('results show product-card skeletons while the first page loads', async () => {
    const held = holdRequests((url) => url.pathname === '/api/products' && url.searchParams.get('q') === '衬衫');
    await open(`/pages/search/index?q=${encodeURIComponent('衬衫')}`);
    await visible(page.locator('.search-results .skeleton-card')).waitFor();
    expect(await page.locator('.search .state-view__spinner:visible').count()).toBe(0);
    await shotBoth('search-skeleton');
    held.release();
    await held.done();
    await visible(page.locator('.search-results .product-card')).waitFor();
  });
});

describe('category', () => {
  type Tree = { items: { id: number; name: string; children: { id: number; name: string }[] }[] };
  const rowTitles = () => page.locator('.category-row:visible .category-row__title').allTextContents();

  test('shows the products of the chosen category, and another category shows its own', async () => {
    const tree = await api<Tree>('/api/categories');
    const [women, men] = tree.items;
    const held = holdRequests((url) => url.pathname === '/api/products');
    await open('/pages/category/index');
    await visible(page.locator('.category .skeleton-row')).waitFor();
    await shotBoth('category-skeleton');
    held.release();
    await held.done();

    await visible(page.locator('.category-rail__item--active')).getByText(women.name).waitFor();
    await visible(page.locator('.category-row')).waitFor();
    const womenFirst = await api<Page1>(`/api/products?categoryId=${women.id}&pageSize=20`);
    await expect(rowTitles()).resolves.toEqual(womenFirst.items.map((item) => item.title));
    // 全部 and each sub-category as chips.
    await expect(page.locator('.category-chips__chip:visible').allTextContents()).resolves.toEqual([
      '全部',
      ...women.children.map((child) => child.name),
    ]);
    await shotBoth('category');

    await visible(page.locator('.category-rail__item').filter({ hasText: men.name })).click();
    const menFirst = await api<Page1>(`/api/products?categoryId=${men.id}&pageSize=20`);
    await visible(page.locator('.category-row__title').filter({ hasText: menFirst.items[0].title })).waitFor();
    await expect(rowTitles()).resolves.toEqual(menFirst.items.map((item) => item.title));
    expect(menFirst.items.some((item) => womenFirst.items.some((other) => other.title === item.title))).toBe(false);

    // A sub-category narrows the list; 价格 sorts it cheapest first.
    const child = men.children[0];
    await visible(page.locator('.category-chips__chip').filter({ hasText: child.name })).click();
    const childFirst = await api<Page1>(`/api/products?categoryId=${child.id}&pageSize=20`);
    await page.waitForFunction((count) => document.querySelectorAll('.category-row').length === count, childFirst.items.length);
    await expect(rowTitles()).resolves.toEqual(childFirst.items.map((item) => item.title));
    await text('价格').click();
    const cheapest = await api<Page1>(`/api/products?categoryId=${child.id}&pageSize=20&sort=price_asc`);
    await visible(page.locator('.category-row__title')).getByText(cheapest.items[0].title, { exact: true }).waitFor();
    await expect(rowTitles()).resolves.toEqual(cheapest.items.map((item) => item.title));
    await shotBoth('category-sorted');
  });

  test('scrolling to the end loads the next page, then says there is no more', async () => {
    // Head office lists a season's worth of dresses: more than one page under 女装.
    const [dress] = await stack.deps.db.select().from(categories).where(eq(categories.name, '连衣裙'));
    const [model] = await stack.deps.db.select().from(products).where(eq(products.categoryId, dress.id)).limit(1);
    await stack.deps.db.insert(products).values(
      Array.from({ length: 24 }, (_, index) => ({
        spu: `E2E-FIND-${index}`,
        categoryId: dress.id,
        brand: model.brand,
        title: `${['碎花', '条纹', '纯色', '波点'][index % 4]}${['雪纺', '针织', '棉麻'][index % 3]}连衣裙 ${index + 1}号`,
        subtitle: model.subtitle,
        images: model.images,
        specs: model.specs,
        minPriceFen: 9900 + index * 100,
        salesCount: index,
        searchText: model.searchText,
      })),
    );
    await stack.deps.readCache.invalidate('catalog');
    const tree = await api<Tree>('/api/categories');
    const women = tree.items[0];
    const total = (await api<Page1>(`/api/products?categoryId=${women.id}&pageSize=1`)).total;
    expect(total).toBeGreaterThan(20);

    await open('/pages/index/index');
    await visible(page.locator('.home-search')).waitFor();
    await visible(page.locator('.weui-tabbar').getByText('分类', { exact: true })).click();
    await page.waitForURL(/pages\/category\/index/);
    await visible(page.locator('.category-rail__item').filter({ hasText: women.name })).click();
    await visible(page.locator('.category-chips__chip').filter({ hasText: '全部' })).click();
    await page.waitForFunction(() => document.querySelectorAll('.category-row').length === 20);
    await text('上拉加载更多').waitFor();

    await page.mouse.move(300, 400);
    for (let i = 0; i < 20 && (await page.locator('.category-row').count()) < total; i++) {
      await page.mouse.wheel(0, 4000);
      await sleep(300);
    }
    await expect(page.locator('.category-row').count()).resolves.toBe(total);
    await text('没有更多商品了').waitFor();
    await text('没有更多商品了').scrollIntoViewIfNeeded();
    await shotBoth('category-end');
  });
});
