/** The media store port and its adapters (docs/operations.md#media); the `media` table is modules/media's. */
export { type MediaStore, MEDIA_KEY, mimeOfKey } from './port';
export { createLocalMediaStore } from './local';
export { sniffImage } from './sniff';
