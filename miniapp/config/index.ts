import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import type { IProjectConfig } from '@tarojs/taro/types/compile';

type WebpackChain = Parameters<NonNullable<NonNullable<IProjectConfig<'webpack5'>['h5']>['webpackChain']>>[0];

/**
 * What is baked into the bundle at build time; the only place it is read from the environment
 * (`src/config.ts` exposes the endpoints to the app, docs/architecture.md#production-builds).
 *
 * - WECHAT_SANDBOX: the bundle talks to the local WeChat sandbox instead of the WeChat client.
 *   Only H5 does (a dev/test target: login, pay and phone codes come from the sandbox); a weapp
 *   build never, so platform/ branches on this constant and webpack drops the sandbox code, its
 *   address and its copy (本地沙箱) from every weapp bundle.
 * - API_BASE: the BFF. A production weapp build (`npm run build:weapp`) must name it with
 *   TARO_APP_API_BASE over HTTPS (WeChat only calls HTTPS domains configured in the admin);
 *   dev builds and H5 fall back to the local BFF.
 */
function buildConstants(env: NodeJS.ProcessEnv) {
  const weapp = env.TARO_ENV === 'weapp';
  const production = env.NODE_ENV === 'production';
  const apiBase = env.TARO_APP_API_BASE?.trim() ?? '';
  if (weapp && production && !/^https:\/\/[^\s/]+/.test(apiBase)) {
    throw new Error(
      `A production weapp build needs the BFF's HTTPS address: TARO_APP_API_BASE=https://api.your-shop.com npm run build:weapp ` +
        `(got ${apiBase ? JSON.stringify(apiBase) : 'nothing'}; WeChat calls only HTTPS domains listed in the mini-program admin).`,
    );
  }
  const sandbox = !weapp;
  return {
    WECHAT_SANDBOX: sandbox,
    API_BASE: apiBase || 'http://127.0.0.1:3000',
    SANDBOX_BASE: sandbox ? env.TARO_APP_SANDBOX_BASE || 'http://127.0.0.1:3100' : '',
  };
}

const config: UserConfigExport<'webpack5'> = {
  projectName: 'shop-miniapp',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  // One folder per platform so the weapp and h5 builds do not overwrite each other
  // (TARO_OUTPUT_ROOT: another folder, for two builds side by side).
  outputRoot: process.env.TARO_OUTPUT_ROOT || `dist/${process.env.TARO_ENV}`,
  defineConstants: Object.fromEntries(Object.entries(buildConstants(process.env)).map(([name, value]) => [name, JSON.stringify(value)])),
  framework: 'react',
  compiler: 'webpack5',
  mini: {
    postcss: {
      pxtransform: { enable: true, config: {} },
    },
  },
  h5: {
    publicPath: '/',
    staticDirectory: 'static',
    router: { mode: 'hash' },
    // `npm run dev` serves the watch build here; the BFF's CORS allows this origin.
    devServer: { host: '127.0.0.1', port: Number(process.env.H5_PORT || 10086), open: false },
    output: {
      filename: 'js/[name].[contenthash:8].js',
      chunkFilename: 'js/[name].[contenthash:8].js',
    },
    miniCssExtractPluginOption: {
      ignoreOrder: true,
      filename: 'css/[name].[contenthash:8].css',
      chunkFilename: 'css/[name].[contenthash:8].css',
    },
    postcss: {
      autoprefixer: { enable: true, config: {} },
    },
    // The React + Taro runtime alone is over webpack's 244 KiB advice, so the hint is noise.
    webpackChain(chain) {
      chain.performance.hints(false);
      shareLibrariesAcrossPages(chain);
    },
  },
};

/**
 * Taro splits only the initial chunks, so every lazily loaded page carried its own copy of the
 * libraries it uses (Taro's H5 components above all: ~90 KB gzipped per page opened). One shared
 * chunk of what two or more pages import is fetched once and cached for every page after.
 */
function shareLibrariesAcrossPages(chain: WebpackChain) {
  const splitChunks = chain.optimization.get('splitChunks') as { cacheGroups?: Record<string, unknown> } | false | undefined;
  if (!splitChunks) return;
  chain.optimization.splitChunks({
    ...splitChunks,
    cacheGroups: {
      ...splitChunks.cacheGroups,
      pageLibraries: {
        name: 'page-libraries',
        chunks: 'async',
        minChunks: 2,
        test: /[\\/]node_modules[\\/]/,
        priority: 120,
        reuseExistingChunk: true,
      },
    },
  });
}

export default defineConfig<'webpack5'>(config);
