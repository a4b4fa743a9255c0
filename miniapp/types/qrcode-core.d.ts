/**
 * The encoder core of the `qrcode` package (pure JS, no canvas, no Node built-ins), imported
 * directly so neither bundler picks the package's Node entry (fs, streams) for the mini-program.
 */
declare module 'qrcode/lib/core/qrcode' {
  import type { QRCode, QRCodeOptions } from 'qrcode';

  export function create(text: string, options?: QRCodeOptions): QRCode;
}
