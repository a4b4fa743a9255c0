import { apiBase } from '../config';
import { resolveUrl } from './url';

/**
 * The URL an `Image` can load for a picture the BFF sent. Use it for every picture from the API
 * (products, categories, avatars, live covers): the demo data's pictures are relative
 * (`/media/p/W1001/1.svg`, drawn by the BFF), a real catalogue's are absolute CDN URLs.
 */
export function mediaUrl(url: string | null | undefined): string {
  return resolveUrl(url, apiBase);
}
