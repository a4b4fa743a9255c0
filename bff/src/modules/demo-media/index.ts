/**
 * Placeholder product images for the demo seed (SVG drawn on request). No tables.
 */
export { demoMediaRoutes } from './routes';
