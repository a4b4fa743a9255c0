/** Build-time endpoints (see `endpoints` in config/index.ts). */
export const apiBase: string = API_BASE
export const sandboxBase: string = SANDBOX_BASE
