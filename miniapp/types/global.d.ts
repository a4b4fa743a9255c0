/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const src: string;
  export default src;
}
declare module '*.scss';

/** Injected by `defineConstants` in config/index.ts; read them through src/config.ts. */
declare const API_BASE: string;
declare const SANDBOX_BASE: string;
/** true on H5 (the local WeChat sandbox stands in for the WeChat client), false in every weapp build. */
declare const WECHAT_SANDBOX: boolean;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    /** The platform being built; Taro replaces it with a literal, so dead branches drop out. */
    TARO_ENV: 'weapp' | 'h5';
    TARO_APP_API_BASE?: string;
    TARO_APP_SANDBOX_BASE?: string;
  }
}
