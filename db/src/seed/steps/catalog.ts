import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../index';
import { categories, products, productSearchGrams, skus } from '../../schema';
import { buildSearchText, searchGrams } from '../../search-text';
import { categorySeeds } from '../data/categories';
import { productSeeds } from '../data/products';
import { ensureRows, idOf, type TableCount } from '../helpers';
import { planSkus } from '../plan';

// Demo pictures are drawn by the BFF under /media (dev/tests); the app resolves them against its API base.
const iconUrl = (slug: string) => `/media/c/${slug}.svg`;
const productImages = (spu: string) => [1, 2, 3].map((n) => `/media/p/${spu}/${n}.svg`);

/**
 * Category ids by path: '女装' for a top-level category, '女装/连衣裙' for a child.
 *
 * Top-level rows have parent_id NULL, which the (parent_id, name) unique index does not cover
 * (NULLs never collide), so their idempotency rests on this select-then-insert alone.
 */
export async function seedCategories(tx: Tx): Promise<{ ids: Map<string, number>; count: TableCount }> {
  const topNames = categorySeeds.map((c) => c.name);
  const top = await ensureRows(
    tx,
    categories,
    categorySeeds.map((c, i) => ({ parentId: null, name: c.name, iconUrl: iconUrl(c.slug), sort: (i + 1) * 10 })),
    (row) => row.name,
    async () =>
      (
        await tx
          .select({ id: categories.id, name: categories.name })
          .from(categories)
          .where(and(isNull(categories.parentId), inArray(categories.name, topNames)))
      ).map((r) => ({ id: r.id, key: r.name })),
  );

  const parentIds = [...top.ids.values()];
  const pathOf = new Map(categorySeeds.map((c) => [idOf(top.ids, c.name, 'category'), c.name]));
  const childRows = categorySeeds.flatMap((c) =>
    c.children.map((child, i) => ({
      parentId: idOf(top.ids, c.name, 'category'),
      name: child.name,
      iconUrl: iconUrl(child.slug),
      sort: (i + 1) * 10,
    })),
  );
  const children = await ensureRows(
    tx,
    categories,
    childRows,
    (row) => `${pathOf.get(row.parentId!)}/${row.name}`,
    async () =>
      (
        await tx
          .select({ id: categories.id, parentId: categories.parentId, name: categories.name })
          .from(categories)
          .where(inArray(categories.parentId, parentIds))
      ).map((r) => ({ id: r.id, key: `${pathOf.get(r.parentId!)}/${r.name}` })),
  );

  return {
    ids: new Map([...top.ids, ...children.ids]),
    count: { rows: top.count.rows + children.count.rows, inserted: top.count.inserted + children.count.inserted },
  };
}

/** Products by SPU, then their SKUs by sku_code; returns both id maps. */
export async function seedProducts(tx: Tx, categoryIds: Map<string, number>) {
  const spus = productSeeds.map((p) => p.spu);
  const productRows = productSeeds.map((p) => ({
    spu: p.spu,
    categoryId: idOf(categoryIds, p.category.join('/'), 'category'),
    brand: p.brand,
    title: p.title,
    subtitle: p.subtitle,
    description: p.description,
    images: productImages(p.spu),
    specs: p.specs,
    status: p.status ?? 'on_sale',
    minPriceFen: Math.min(...planSkus(p).map((s) => s.priceFen)),
    salesCount: p.salesCount,
    searchText: buildSearchText([p.title, p.brand, ...p.category, p.subtitle]),
  }));
  const productResult = await ensureRows(
    tx,
    products,
    productRows,
    (row) => row.spu,
    async () =>
      (await tx.select({ id: products.id, spu: products.spu }).from(products).where(inArray(products.spu, spus))).map((r) => ({
        id: r.id,
        key: r.spu,
      })),
  );

  // A database an earlier seed wrote keeps search_text as buildSearchText made it then: bring it
  // up to date (issue 13: "15.6英寸" is one word now, 15.6yingcun instead of 6yingcun) and let the
  // grams below be written afresh for the products whose text changed.
  const stored = await tx
    .select({ id: products.id, spu: products.spu, searchText: products.searchText })
    .from(products)
    .where(inArray(products.spu, spus));
  for (const row of productRows) {
    const old = stored.find((s) => s.spu === row.spu);
    if (!old || old.searchText === row.searchText) continue;
    await tx.update(products).set({ searchText: row.searchText }).where(eq(products.id, old.id));
    await tx.delete(productSearchGrams).where(eq(productSearchGrams.productId, old.id));
  }

  // The search index beside search_text (INSERT IGNORE: a second run adds nothing).
  const gramRows = productRows.flatMap((row) =>
    searchGrams(row.searchText).map((gram) => ({ gram, productId: idOf(productResult.ids, row.spu, 'SPU') })),
  );
  for (let i = 0; i < gramRows.length; i += 2000)
    await tx
      .insert(productSearchGrams)
      .ignore()
      .values(gramRows.slice(i, i + 2000));

  const skuRows = productSeeds.flatMap((p) =>
    planSkus(p).map((s) => ({ ...s, productId: idOf(productResult.ids, p.spu, 'SPU'), imageUrl: null })),
  );
  const codes = skuRows.map((s) => s.skuCode);
  const skuResult = await ensureRows(
    tx,
    skus,
    skuRows,
    (row) => row.skuCode,
    async () =>
      (await tx.select({ id: skus.id, skuCode: skus.skuCode }).from(skus).where(inArray(skus.skuCode, codes))).map((r) => ({
        id: r.id,
        key: r.skuCode,
      })),
  );

  return {
    productIds: productResult.ids,
    skuIds: skuResult.ids,
    counts: { products: productResult.count, skus: skuResult.count },
  };
}
