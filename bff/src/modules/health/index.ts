/** Liveness and readiness (/healthz): MariaDB and Redis answer. No tables. */
export { healthRoutes } from './routes';
