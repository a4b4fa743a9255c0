/**
 * 收藏 (docs/domain.md#favorites): the products a member keeps to come back to.
 *
 * Owns: favorites.
 */
export { favoriteRoutes } from './routes';
