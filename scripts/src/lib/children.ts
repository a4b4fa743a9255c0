import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { stopChild } from './processes';

/** Long-running children of `npm run dev`, with prefixed output and one place to stop them all. */
export class Children {
  private readonly running: { name: string; child: ChildProcess }[] = [];
  private stopping = false;

  constructor(private readonly onUnexpectedExit: (name: string, code: number | null) => void) {}

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
    return child;
  }

  /** Stops children in reverse start order, whole process groups (npm → taro → webpack). */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const { child } of [...this.running].reverse()) {
      await stopGroup(child);
    }
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
