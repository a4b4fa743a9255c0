/**
 * Liveness and readiness (/healthz): MariaDB and Redis answer.
 *
 * Owns: nothing.
 */
export { healthRoutes } from './routes';
