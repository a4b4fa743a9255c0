import type { CategorySeed } from '../types';

/** Two-level tree; `slug` names the icon file. Display order is the order here. */
export const categorySeeds: CategorySeed[] = [
  {
    name: '女装',
    slug: 'women',
    children: [
      { name: '连衣裙', slug: 'women-dresses' },
      { name: 'T恤', slug: 'women-tees' },
      { name: '衬衫', slug: 'women-shirts' },
      { name: '外套', slug: 'women-coats' },
      { name: '半身裙', slug: 'women-skirts' },
    ],
  },
  {
    name: '男装',
    slug: 'men',
    children: [
      { name: 'T恤', slug: 'men-tees' },
      { name: '衬衫', slug: 'men-shirts' },
      { name: '夹克', slug: 'men-jackets' },
      { name: '休闲裤', slug: 'men-trousers' },
    ],
  },
  {
    name: '童装',
    slug: 'kids',
    children: [
      { name: '童T恤', slug: 'kids-tees' },
      { name: '童外套', slug: 'kids-coats' },
      { name: '童裤', slug: 'kids-trousers' },
      { name: '婴童连体衣', slug: 'kids-rompers' },
    ],
  },
  {
    name: '家居',
    slug: 'home',
    children: [
      { name: '床品', slug: 'home-bedding' },
      { name: '毛巾浴巾', slug: 'home-towels' },
      { name: '收纳', slug: 'home-storage' },
      { name: '餐厨', slug: 'home-kitchen' },
      { name: '香薰', slug: 'home-fragrance' },
    ],
  },
  {
    name: '美妆',
    slug: 'beauty',
    children: [
      { name: '护肤', slug: 'beauty-skincare' },
      { name: '彩妆', slug: 'beauty-makeup' },
      { name: '洗护', slug: 'beauty-bodycare' },
    ],
  },
  {
    name: '鞋包',
    slug: 'shoes-bags',
    children: [
      { name: '运动鞋', slug: 'shoes-sneakers' },
      { name: '休闲鞋', slug: 'shoes-casual' },
      { name: '双肩包', slug: 'bags-backpacks' },
      { name: '手提包', slug: 'bags-handbags' },
    ],
  },
  {
    name: '运动',
    slug: 'sports',
    children: [
      { name: '瑜伽', slug: 'sports-yoga' },
      { name: '跑步', slug: 'sports-running' },
      { name: '户外', slug: 'sports-outdoor' },
    ],
  },
];
