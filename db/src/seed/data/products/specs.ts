import type { SpecDefinition } from '../../../schema';

/** 颜色 × 尺码, the usual apparel grid. Keep colours × sizes ≤ 6. */
export const colourSize = (colours: string[], sizes: string[]): SpecDefinition => [
  { name: '颜色', values: colours },
  { name: '尺码', values: sizes },
];

/** A single dimension such as 规格, 色号 or 香型. */
export const single = (name: string, values: string[]): SpecDefinition => [{ name, values }];
