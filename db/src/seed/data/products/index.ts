import type { ProductSeed } from '../../types';
import { beautyProducts } from './beauty';
import { homeProducts } from './home';
import { kidsProducts } from './kids';
import { menProducts } from './men';
import { shoesBagsProducts } from './shoes-bags';
import { sportsProducts } from './sports';
import { womenProducts } from './women';

export const productSeeds: ProductSeed[] = [
  ...womenProducts,
  ...menProducts,
  ...kidsProducts,
  ...homeProducts,
  ...beautyProducts,
  ...shoesBagsProducts,
  ...sportsProducts,
];
