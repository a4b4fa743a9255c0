/**
 * `npm run lint:sql` (part of `npm run lint`): lists SQL that runs on MariaDB but not on MySQL 8
 * or TiDB, so the product stays deployable on all three (README, Deployment). It reads the
 * committed migrations and every TypeScript file under bff/src, db/src and scripts/src (raw SQL
 * lives in `sql` templates and query strings), and fails with file:line for each construct below.
 * Drizzle's own query building emits portable SQL; what it cannot express is where these creep in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/paths';

type Construct = { pattern: RegExp; why: string };

/** MariaDB-only syntax (or, for TiDB, unsupported syntax) with what to use instead. */
export const NOT_PORTABLE: Construct[] = [
  { pattern: /\b(INSERT|DELETE|REPLACE)\b[^;`]*\bRETURNING\b/i, why: 'RETURNING is MariaDB-only: read the row back or use the insert id' },
  { pattern: /\bCREATE\s+SEQUENCE\b|\bNEXTVAL\s*\(|\bNEXT\s+VALUE\s+FOR\b/i, why: 'sequences are MariaDB-only: use AUTO_INCREMENT' },
  {
    pattern: /\b(ADD|DROP)\s+(COLUMN|INDEX|KEY|CONSTRAINT)\s+IF\s+(NOT\s+)?EXISTS\b/i,
    why: 'ALTER … IF [NOT] EXISTS is MariaDB-only: migrations run once, in order',
  },
  { pattern: /\bCREATE\s+OR\s+REPLACE\s+TABLE\b/i, why: 'CREATE OR REPLACE TABLE is MariaDB-only' },
  { pattern: /\bSET\s+STATEMENT\b/i, why: 'SET STATEMENT … FOR is MariaDB-only' },
  { pattern: /\bmax_statement_time\b/i, why: 'max_statement_time is MariaDB-only: MySQL uses MAX_EXECUTION_TIME' },
  { pattern: /\bWITH\s+SYSTEM\s+VERSIONING\b/i, why: 'system-versioned tables are MariaDB-only' },
  { pattern: /\bENGINE\s*=\s*(Aria|Mroonga|ColumnStore|MyISAM|Memory)\b/i, why: 'only InnoDB is portable (and transactional)' },
  { pattern: /\bJSON_(DETAILED|PRETTY|COMPACT|LOOSE|EXISTS)\s*\(/i, why: 'MariaDB-only JSON function' },
  { pattern: /\/\*M!/, why: 'MariaDB-only executable comment' },
  { pattern: /\bROWNUM\s*\(/i, why: 'ROWNUM() is MariaDB-only' },
  { pattern: /\bLIMIT\s+ROWS\s+EXAMINED\b/i, why: 'LIMIT ROWS EXAMINED is MariaDB-only' },
  { pattern: /\bSQL_CALC_FOUND_ROWS\b|\bFOUND_ROWS\s*\(/i, why: 'deprecated in MySQL 8 and not in TiDB: count with COUNT(*)' },
  { pattern: /\b(INET6|INET4|UUID)\s+(NOT\s+NULL|NULL|DEFAULT|,|\))/i, why: 'MariaDB-only column type' },
];

const SOURCES = ['bff/src', 'db/src', 'scripts/src'];
const MIGRATIONS = 'db/drizzle';

function filesUnder(dir: string, ext: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, ext);
    return entry.name.endsWith(ext) ? [full] : [];
  });
}

export type Finding = { file: string; line: number; why: string; text: string };

export function findNonPortableSql(files: string[], self = __filename): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    if (path.resolve(file) === path.resolve(self)) continue;
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, i) => {
      for (const c of NOT_PORTABLE)
        if (c.pattern.test(text)) findings.push({ file: path.relative(ROOT, file), line: i + 1, why: c.why, text: text.trim() });
    });
  }
  return findings;
}

function main(): number {
  const files = [...filesUnder(path.join(ROOT, MIGRATIONS), '.sql'), ...SOURCES.flatMap((dir) => filesUnder(path.join(ROOT, dir), '.ts'))];
  const findings = findNonPortableSql(files);
  for (const f of findings) console.error(`${f.file}:${f.line}: ${f.why}\n    ${f.text}`);
  console.log(
    findings.length
      ? `✘ ${findings.length} MariaDB-only construct(s) in ${files.length} files`
      : `✔ SQL portable to MySQL 8 and TiDB (${files.length} files checked)`,
  );
  return findings.length ? 1 : 0;
}

if (require.main === module) process.exit(main());
