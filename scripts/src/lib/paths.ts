import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const DATA_DIR = path.join(ROOT, '.data');
export const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
/** tsx flags that make workspace packages resolve to their TypeScript sources. */
export const TSX_SOURCE_FLAGS = ['--conditions=shop-source'];
