import { execFileSync, spawnSync } from 'node:child_process';

/** Debian packages the project runs on, keyed by the binary that proves they are installed. */
const PACKAGES: Record<string, { binary: string; apt: string[] }> = {
  mariadb: { binary: 'mariadbd', apt: ['mariadb-server', 'mariadb-client'] },
  redis: { binary: 'redis-server', apt: ['redis-server'] },
  chromium: { binary: 'chromium', apt: ['chromium'] },
};
export type OsPackage = keyof typeof PACKAGES;

export function hasBinary(binary: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

/** Installs what is missing with apt (as root, or through sudo) and says so. */
export function ensureOsPackages(wanted: OsPackage[], log: (line: string) => void = console.log): void {
  const missing = wanted.filter((name) => !hasBinary(PACKAGES[name].binary));
  if (missing.length === 0) return;
  const apt = missing.flatMap((name) => PACKAGES[name].apt);
  log(`Installing missing OS packages with apt: ${apt.join(' ')} (first run on this machine)`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) => execFileSync(sudo[0] ?? args[0], sudo.length ? args : args.slice(1), { stdio: 'inherit', env });
  try {
    run(['apt-get', 'install', '-y', '--no-install-recommends', ...apt]);
  } catch {
    // A fresh machine may have empty package lists.
    run(['apt-get', 'update']);
    run(['apt-get', 'install', '-y', '--no-install-recommends', ...apt]);
  }
  const still = missing.filter((name) => !hasBinary(PACKAGES[name].binary));
  if (still.length) throw new Error(`apt did not provide: ${still.join(', ')}`);
}
