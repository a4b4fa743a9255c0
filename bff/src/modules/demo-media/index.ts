/**
 * Placeholder product images for the demo seed (SVG drawn on request).
 *
 * Owns: nothing.
 */
export { demoMediaRoutes } from './routes';
