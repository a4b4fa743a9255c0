/**
 * `url` resolved against `base` when it is relative (`/media/p/W1001/1.svg`); absolute URLs
 * (a CDN, WeChat avatars), protocol-relative ones and inline data pass through unchanged.
 * Empty (or missing) stays empty, so callers can still show their placeholder.
 */
export function resolveUrl(url: string | null | undefined, base: string): string {
  if (!url) return '';
  if (/^(https?:)?\/\//i.test(url) || /^(data|blob|wxfile):/i.test(url)) return url;
  const root = base.replace(/\/+$/, '');
  return url.startsWith('/') ? `${root}${url}` : `${root}/${url}`;
}
