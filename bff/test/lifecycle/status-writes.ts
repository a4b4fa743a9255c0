import fs from 'node:fs';
import path from 'node:path';

/**
 * Finds writes of a status column in source text: a drizzle `.update(<table>)…set({ status … })`
 * (or an insert's `onDuplicateKeyUpdate({ set: { status … } })`), and raw SQL
 * `UPDATE <table> … SET … status =`. Comments are ignored. Deliberately simple: it reads the
 * code the way a reviewer would, so a write it cannot see (a `set` object built elsewhere) is
 * still possible, but the ordinary shapes are all caught.
 */
export type StatusWrite = { file: string; line: number; text: string };

export type Target = { ident: string; sqlName: string };

export function findStatusWrites(file: string, source: string, target: Target): StatusWrite[] {
  const code = stripComments(source);
  const found: StatusWrite[] = [];
  const at = (index: number) => ({ file, line: code.slice(0, index).split('\n').length });
  const ident = escape(target.ident);

  for (const call of matchAll(code, new RegExp(`\\.(update|insert)\\(\\s*${ident}\\s*\\)`, 'g'))) {
    const statement = statementFrom(code, call.index);
    const setters = call[1] === 'update' ? argumentsOf(statement, '.set(') : argumentsOf(statement, '.onDuplicateKeyUpdate(');
    if (setters.some(writesStatus)) found.push({ ...at(call.index), text: firstLine(statement) });
  }

  const table = `(?:\`?${escape(target.sqlName)}\`?|\\$\\{\\s*${ident}\\s*\\})`;
  const column = `(?:\`?status\`?|\\$\\{\\s*${ident}\\.status\\s*\\})`;
  for (const raw of matchAll(code, new RegExp(`UPDATE\\s+${table}\\s[^;\`'"]*?\\bSET\\b[^;\`'"]*?${column}\\s*=`, 'gi'))) {
    found.push({ ...at(raw.index), text: firstLine(raw[0]) });
  }
  return found;
}

/** Every .ts file under `root`, minus the ones `skip` names (paths relative to root, with /). */
export function sourceFiles(root: string, skip: (relative: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(root, full).split(path.sep).join('/');
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !skip(relative)) out.push(full);
    }
  };
  walk(root);
  return out.sort();
}

function writesStatus(argument: string): boolean {
  return /(^|[{,\s])status\s*:/.test(argument) || /[{,]\s*status\s*[,}]/.test(argument);
}

/** From `start` to the end of the statement: the first `;` outside brackets, strings and templates. */
function statementFrom(code: string, start: number): string {
  let depth = 0;
  for (let i = start; i < code.length; i++) {
    const c = code[i];
    if (c === "'" || c === '"' || c === '`') i = skipString(code, i);
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      if (depth === 0) return code.slice(start, i);
      depth--;
    } else if (c === ';' && depth === 0) return code.slice(start, i);
  }
  return code.slice(start);
}

/** The text inside each `<opener>…)` of a statement (balanced). */
function argumentsOf(statement: string, opener: string): string[] {
  const out: string[] = [];
  for (let from = statement.indexOf(opener); from >= 0; from = statement.indexOf(opener, from + 1)) {
    const open = from + opener.length - 1;
    let depth = 0;
    for (let i = open; i < statement.length; i++) {
      const c = statement[i];
      if (c === "'" || c === '"' || c === '`') i = skipString(statement, i);
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) {
        out.push(statement.slice(open + 1, i));
        break;
      }
    }
  }
  return out;
}

/** Index of the closing quote of the string starting at `start` (template `${…}` parts included as text). */
function skipString(code: string, start: number): number {
  const quote = code[start];
  for (let i = start + 1; i < code.length; i++) {
    if (code[i] === '\\') i++;
    else if (code[i] === quote) return i;
  }
  return code.length;
}

/** Blanks out comments but keeps line numbers (and leaves `//` inside strings alone). */
function stripComments(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '))
    .replace(/^(\s*)\/\/.*$/gm, (_line, indent: string) => indent);
}

function matchAll(code: string, pattern: RegExp): RegExpExecArray[] {
  return [...code.matchAll(pattern)] as RegExpExecArray[];
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0].slice(0, 120);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
