import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

export function hasBinary(binary: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

/** Debian packages the project runs on, each with how to tell it is already there. */
const PACKAGES = {
  mariadb: { present: () => hasBinary('mariadbd') && hasBinary('mariadb-install-db'), apt: ['mariadb-server', 'mariadb-client'] },
  redis: { present: () => hasBinary('redis-server'), apt: ['redis-server'] },
  chromium: { present: () => hasBinary('chromium'), apt: ['chromium'] },
  // Without CJK fonts the browser draws Chinese as empty boxes in screenshots.
  cjkFonts: { present: () => fs.existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'), apt: ['fonts-noto-cjk'] },
} satisfies Record<string, { present: () => boolean; apt: string[] }>;
export type OsPackage = keyof typeof PACKAGES;

/** Installs what is missing with apt (as root, or through sudo) and says so. */
export function ensureOsPackages(wanted: OsPackage[], log: (line: string) => void = console.log): void {
  const missing = wanted.filter((name) => !PACKAGES[name].present());
  if (missing.length === 0) return;
  const apt = missing.flatMap((name) => PACKAGES[name].apt);
  log(`Installing missing OS packages with apt: ${apt.join(' ')} (first run on this machine)`);
  const asRoot = process.getuid?.() === 0;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) => execFileSync(asRoot ? args[0] : 'sudo', asRoot ? args.slice(1) : args, { stdio: 'inherit', env });
  try {
    run(['apt-get', 'install', '-y', '--no-install-recommends', ...apt]);
  } catch {
    // A fresh machine may have empty package lists.
    run(['apt-get', 'update']);
    run(['apt-get', 'install', '-y', '--no-install-recommends', ...apt]);
  }
  const still = missing.filter((name) => !PACKAGES[name].present());
  if (still.length) throw new Error(`apt did not provide: ${still.join(', ')}`);
}
