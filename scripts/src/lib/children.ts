import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import { isAlive, stopChild } from './processes';

/** Long-running children of `npm run dev`, with prefixed output and one place to stop them all. */
export class Children {
  private readonly running: { name: string; child: ChildProcess }[] = [];
  private stopping = false;

  /**
   * @param pidFile where the children's process-group ids are kept, so that a run killed without
   *   a chance to clean up (kill -9, closed terminal) has its orphans stopped by the next run.
   */
  constructor(
    private readonly pidFile: string,
    private readonly onUnexpectedExit: (name: string, code: number | null) => void,
  ) {}

  /** Stops process groups a crashed previous run left behind. */
  static stopLeftovers(pidFile: string): void {
    let pids: number[] = [];
    try {
      pids = JSON.parse(fs.readFileSync(pidFile, 'utf8')) as number[];
    } catch {
      return;
    }
    for (const pid of pids) {
      if (!isAlive(pid)) continue;
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    fs.rmSync(pidFile, { force: true });
  }

  start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): ChildProcess {
    // detached: each child leads its own process group, so Ctrl-C reaches it only through us.
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream! }).on('line', (line) => console.log(`[${name}] ${line}`));
    }
    child.on('exit', (code) => {
      if (!this.stopping) this.onUnexpectedExit(name, code);
    });
    this.running.push({ name, child });
    fs.writeFileSync(this.pidFile, JSON.stringify(this.running.map((r) => r.child.pid)));
    return child;
  }

  /** Stops children in reverse start order, whole process groups (npm → taro → webpack). */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const { child } of [...this.running].reverse()) {
      await stopGroup(child);
    }
    fs.rmSync(this.pidFile, { force: true });
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  await stopChild(child);
}
