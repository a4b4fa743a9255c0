import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppDeps } from '../../deps';
import type { AppState } from '../../http/context';
import { route } from '../../http/route';
import { requireStaff } from '../staff';
import {
  CategoryTreeSchema,
  HotSearchesSchema,
  IdParamsSchema,
  ProductDetailQuerySchema,
  ProductDetailSchema,
  ProductPageSchema,
  ProductPatchSchema,
  ProductQuerySchema,
  SearchSuggestionsSchema,
  SearchSuggestQuerySchema,
  SkuPatchSchema,
} from './schema';
import { findProducts, getCategoryTree, getProductDetail, hotSearches, suggestSearch, updateProduct, updateSkuPrice } from './service';

export function catalogRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();
  const tags = ['catalog'];

  route(
    router,
    registry,
    { method: 'get', path: '/api/categories', summary: 'Category tree', tags, response: CategoryTreeSchema },
    async () => ({
      items: await getCategoryTree(deps),
    }),
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/products',
      summary: 'Search and list products (Chinese, full pinyin, initials; filters; sorts)',
      tags,
      query: ProductQuerySchema,
      response: ProductPageSchema,
    },
    (_ctx, { query }) => findProducts(deps, query),
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/search/hot',
      summary: '热门搜索: best-selling sub-categories, then brands',
      tags,
      response: HotSearchesSchema,
    },
    () => hotSearches(deps),
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/search/suggest',
      summary: 'Search suggestions while typing (prefix of names, brands and categories in Chinese, full pinyin or initials)',
      tags,
      query: SearchSuggestQuerySchema,
      response: SearchSuggestionsSchema,
    },
    (_ctx, { query }) => suggestSearch(deps, query.q, query.limit),
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/products/:id',
      summary: 'Product detail with SKUs, availability and running activities',
      tags,
      params: IdParamsSchema,
      query: ProductDetailQuerySchema,
      response: ProductDetailSchema,
    },
    (_ctx, { params, query }) => getProductDetail(deps, params.id, query.storeId),
  );

  route(
    router,
    registry,
    {
      method: 'patch',
      path: '/api/admin/products/:id',
      summary: 'Edit a product (admin)',
      tags: ['admin'],
      auth: true,
      params: IdParamsSchema,
      body: ProductPatchSchema,
    },
    async (ctx, { params, body }) => {
      await requireStaff(ctx, deps.db, 'admin');
      await updateProduct(deps, params.id, body);
      return getProductDetail(deps, params.id);
    },
  );

  route(
    router,
    registry,
    {
      method: 'patch',
      path: '/api/admin/skus/:id',
      summary: 'Change a SKU price (admin)',
      tags: ['admin'],
      auth: true,
      params: IdParamsSchema,
      body: SkuPatchSchema,
    },
    async (ctx, { params, body }) => {
      await requireStaff(ctx, deps.db, 'admin');
      await updateSkuPrice(deps, params.id, body);
    },
  );

  return router;
}
