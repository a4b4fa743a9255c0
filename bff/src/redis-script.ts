import { createHash } from 'node:crypto';
import type { Redis } from './redis';

/** A Lua script sent by its SHA1 (EVALSHA); the body travels only when Redis has not seen it yet. */
export type LuaScript = { source: string; sha: string };

export function luaScript(source: string): LuaScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

export async function runScript(redis: Redis, script: LuaScript, keys: string[], args: (string | number)[]): Promise<unknown> {
  const options = { keys, arguments: args.map(String) };
  try {
    return await redis.evalSha(script.sha, options);
  } catch (err) {
    // After a restart or SCRIPT FLUSH Redis forgets loaded scripts.
    if (!String((err as Error).message).startsWith('NOSCRIPT')) throw err;
    return redis.eval(script.source, options);
  }
}
