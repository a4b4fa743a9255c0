/** The sandbox's public surface, for the dev runner, e2e harness and integration tests. */
export { buildSandbox, startSandbox } from './app';
export type { SandboxOptions } from './context';
export { credentialsEnv, generateCredentials, loadOrCreateCredentials } from './credentials';
export type { PayMode, SandboxCredentials } from './credentials';
export type { FaultApi, FaultInput, FaultKind } from './faults';
export { RETRY_SCHEDULE_SECONDS } from './notifier';
export type { SandboxState } from './state';
