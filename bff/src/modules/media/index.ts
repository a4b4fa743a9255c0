/**
 * Uploaded files (docs/domain.md#after-sale, docs/operations.md#media): the upload route, the
 * public file path, and who owns each file. The bytes live in the media store (bff/src/media);
 * a record attaches only media its own member uploaded (`ownMedia`).
 *
 * Owns: media.
 */
export { mediaRoutes, mediaFileRoutes } from './routes';
export { ownMedia, mediaUrls, type MediaView } from './service';
export { MediaSchema } from './schema';
