/**
 * The BFF's module graph (issue 10, goals 1 and 2), run by `npm run lint:boundaries`.
 *
 * dependency-cruiser reads bff/src and every file collapses to its unit: `modules/<m>` for a
 * module, the top-level folder for the rest (`http`, `jobs`, `wechat`, `domain`), and each root
 * file on its own (`app.ts`, `deps.ts` …). Type-only imports count. Fails (exit 1), with a list,
 * when units import each other in a cycle or when a table has more than one writer unit (a
 * write is a drizzle `.insert(t)`, `.update(t)` or `.delete(t)` on a table exported from
 * db/src/schema/*.ts).
 *
 * `--report` prints the measures of issue 10 instead and always exits 0: imports that bypass a
 * module's face (its index.ts; the rule lives in .dependency-cruiser.cjs), module cycles, and
 * the writers of every table.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { IConfiguration, ICruiseResult } from 'dependency-cruiser' with { 'resolution-mode': 'import' };
import ts from 'typescript';
import { ROOT } from '../lib/paths';

const BFF_SRC = 'bff/src/';
const SCHEMA_DIR = path.join(ROOT, 'db', 'src', 'schema');
const FACE_RULES = new Set(['module-face-only', 'module-face-only-outside-modules']);

type Edge = { from: string; to: string; file: string; target: string };

/** `bff/src/modules/order/service.ts` → `modules/order`; `bff/src/http/auth.ts` → `http`; `bff/src/app.ts` → `app.ts`. */
export function unitOf(source: string): string | null {
  if (!source.startsWith(BFF_SRC)) return null;
  const parts = source.slice(BFF_SRC.length).split('/');
  if (parts[0] === 'modules' && parts.length > 2) return `modules/${parts[1]}`;
  return parts[0];
}

async function cruiseBff(): Promise<ICruiseResult> {
  // The same options and rules as `depcruise`, so both agree on what an import and a face are.
  const config = createRequire(__filename)(path.join(ROOT, '.dependency-cruiser.cjs')) as IConfiguration;
  // dependency-cruiser is ESM only; this workspace is CommonJS.
  const { cruise } = await import('dependency-cruiser');
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const result = await cruise(['bff/src'], { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden } });
    if (typeof result.output === 'string') throw new Error('dependency-cruiser returned a report, not a result');
    return result.output;
  } finally {
    process.chdir(cwd);
  }
}

function unitEdges(result: ICruiseResult): Edge[] {
  const edges: Edge[] = [];
  for (const module of result.modules) {
    const from = unitOf(module.source);
    if (!from) continue;
    for (const dependency of module.dependencies) {
      const to = unitOf(dependency.resolved);
      if (to && to !== from) edges.push({ from, to, file: module.source, target: dependency.resolved });
    }
  }
  return edges;
}

/** Strongly connected components with more than one unit (Tarjan), each sorted, largest first. */
export function cycles(units: string[], edges: { from: string; to: string }[]): string[][] {
  const next = new Map<string, Set<string>>(units.map((unit) => [unit, new Set()]));
  for (const edge of edges) next.get(edge.from)?.add(edge.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (unit: string): void => {
    index.set(unit, counter);
    low.set(unit, counter);
    counter++;
    stack.push(unit);
    onStack.add(unit);
    for (const to of next.get(unit) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(unit, Math.min(low.get(unit)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(unit, Math.min(low.get(unit)!, index.get(to)!));
      }
    }
    if (low.get(unit) !== index.get(unit)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== unit);
    if (component.length > 1) found.push(component.sort());
  };
  for (const unit of units) if (!index.has(unit)) visit(unit);
  return found.sort((a, b) => b.length - a.length || a[0].localeCompare(b[0]));
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
}

/** The drizzle tables: `export const <name> = mysqlTable(…)` in db/src/schema/*.ts. */
export function schemaTables(): string[] {
  return [...sqlNames().keys()];
}

/** Drizzle identifier → SQL table name (`groups` → `buy_groups`), in schema order. */
export function sqlNames(): Map<string, string> {
  const tables = new Map<string, string>();
  for (const name of fs
    .readdirSync(SCHEMA_DIR)
    .filter((file) => file.endsWith('.ts'))
    .sort()) {
    for (const statement of parse(path.join(SCHEMA_DIR, name)).statements) {
      if (!ts.isVariableStatement(statement)) continue;
      if (!statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) continue;
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (ts.isIdentifier(declaration.name) && init && ts.isCallExpression(init) && ts.isIdentifier(init.expression)) {
          const [sqlName] = init.arguments;
          if (init.expression.text === 'mysqlTable' && sqlName && ts.isStringLiteral(sqlName))
            tables.set(declaration.name.text, sqlName.text);
        }
      }
    }
  }
  return tables;
}

/**
 * The tables a file writes: `.insert(t)`, `.update(t)`, `.delete(t)` where `t` is a table imported
 * from @shop/db (under any local name) or `schema.t` / `ns.t` of its namespace imports.
 */
export function writtenTables(sourceFile: ts.SourceFile, tables: ReadonlySet<string>): Set<string> {
  const named = new Map<string, string>();
  const namespaces = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (statement.moduleSpecifier.text !== '@shop/db') continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings) continue;
    if (ts.isNamespaceImport(bindings)) {
      namespaces.add(bindings.name.text);
      continue;
    }
    for (const element of bindings.elements) {
      const imported = (element.propertyName ?? element.name).text;
      if (imported === 'schema') namespaces.add(element.name.text);
      else if (tables.has(imported)) named.set(element.name.text, imported);
    }
  }
  const written = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.arguments.length === 1) {
      const method = node.expression.name.text;
      const argument = node.arguments[0];
      if (method === 'insert' || method === 'update' || method === 'delete') {
        if (ts.isIdentifier(argument) && named.has(argument.text)) written.add(named.get(argument.text)!);
        if (
          ts.isPropertyAccessExpression(argument) &&
          ts.isIdentifier(argument.expression) &&
          namespaces.has(argument.expression.text) &&
          tables.has(argument.name.text)
        ) {
          written.add(argument.name.text);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return written;
}

/** Table → the units that write it (every table, writers sorted). */
function writers(result: ICruiseResult, tables: string[]): Map<string, string[]> {
  const known = new Set(tables);
  const byTable = new Map<string, Set<string>>(tables.map((table) => [table, new Set()]));
  for (const module of result.modules) {
    const unit = unitOf(module.source);
    if (!unit || !/\.tsx?$/.test(module.source)) continue;
    for (const table of writtenTables(parse(path.join(ROOT, module.source)), known)) byTable.get(table)!.add(unit);
  }
  return new Map([...byTable].map(([table, units]) => [table, [...units].sort()]));
}

/**
 * What each module's index.ts says it owns: the SQL table names on its `Owns:` line(s) of the
 * docblock (docs/architecture.md#module-map). Units outside modules/ own nothing.
 */
export function declaredOwners(): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  const modulesDir = path.join(ROOT, BFF_SRC, 'modules');
  for (const name of fs.readdirSync(modulesDir).sort()) {
    const face = path.join(modulesDir, name, 'index.ts');
    if (!fs.existsSync(face)) continue;
    const doc = fs.readFileSync(face, 'utf8').match(/\/\*\*([\s\S]*?)\*\//)?.[1] ?? '';
    const owns = doc.replace(/\n\s*\* ?/g, ' ').match(/Owns:([^.]*)\./)?.[1] ?? '';
    owners.set(
      `modules/${name}`,
      owns.split(/[,\s]+/).filter((table) => /^[a-z_]+$/.test(table) && table !== 'nothing'),
    );
  }
  return owners;
}

/** Writers that are not the module naming the table in its face, and tables named by two faces. */
function ownershipProblems(tableWriters: Map<string, string[]>, owners: Map<string, string[]>, names: Map<string, string>): string[] {
  const problems: string[] = [];
  const ownerOf = new Map<string, string>();
  for (const [unit, tables] of owners) {
    for (const table of tables) {
      if (ownerOf.has(table)) problems.push(`table ${table} is owned by both ${ownerOf.get(table)} and ${unit}`);
      ownerOf.set(table, unit);
      if (![...names.values()].includes(table)) problems.push(`${unit}/index.ts owns ${table}, which is not a table in db/src/schema`);
    }
  }
  for (const [table, list] of tableWriters) {
    const sqlName = names.get(table)!;
    for (const unit of list) {
      if (!unit.startsWith('modules/') && INFRA_OWNERS[table] === unit) continue;
      if (ownerOf.get(sqlName) !== unit) {
        problems.push(`${unit} writes ${sqlName}, but ${ownerOf.get(sqlName) ?? 'no module'} names it under Owns: in its index.ts`);
      }
    }
  }
  return problems;
}

/** Tables kept by shared infrastructure rather than a module (each named with its one writer). */
const INFRA_OWNERS: Record<string, string> = { statusChanges: 'lifecycle' };

function short(file: string): string {
  return file.slice(BFF_SRC.length).replace(/^modules\//, '');
}

/** `a → b` with up to two of the imports that make it, for a readable cycle. */
function describeEdges(component: string[], edges: Edge[]): string[] {
  const inside = new Set(component);
  const byPair = new Map<string, Edge[]>();
  for (const edge of edges) {
    if (!inside.has(edge.from) || !inside.has(edge.to)) continue;
    const key = `${edge.from} → ${edge.to}`;
    byPair.set(key, [...(byPair.get(key) ?? []), edge]);
  }
  return [...byPair]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([pair, list]) => {
      const examples = list.slice(0, 2).map((edge) => `${short(edge.file)} → ${short(edge.target)}`);
      const more = list.length > 2 ? `, +${list.length - 2} more` : '';
      return `${pair}   (${examples.join(', ')}${more})`;
    });
}

function mutualPairs(edges: Edge[]): string[] {
  const pairs = new Set(edges.map((edge) => `${edge.from}\u0000${edge.to}`));
  const mutual = new Set<string>();
  for (const edge of edges) {
    if (pairs.has(`${edge.to}\u0000${edge.from}`)) mutual.add([edge.from, edge.to].sort().join(' ↔ '));
  }
  return [...mutual].sort();
}

async function main(): Promise<number> {
  const report = process.argv.includes('--report');
  const result = await cruiseBff();
  const edges = unitEdges(result);
  const units = [...new Set(result.modules.map((module) => unitOf(module.source)).filter((unit): unit is string => unit !== null))].sort();
  const found = cycles(units, edges);
  const tableWriters = writers(result, schemaTables());
  const shared = [...tableWriters].filter(([, list]) => list.length > 1);
  const ownership = ownershipProblems(tableWriters, declaredOwners(), sqlNames());

  if (report) {
    const bypasses = result.modules
      .filter((module) => module.source.startsWith(BFF_SRC))
      .flatMap((module) => module.dependencies.filter((dependency) => dependency.rules?.some((rule) => FACE_RULES.has(rule.name))));
    const betweenModules = bypasses.filter((dependency) => dependency.rules?.some((rule) => rule.name === 'module-face-only')).length;
    const intoQueries = bypasses.filter((dependency) => dependency.resolved.endsWith('/queries.ts')).length;
    const faces = units.filter((unit) => unit.startsWith('modules/') && fs.existsSync(path.join(ROOT, BFF_SRC, unit, 'index.ts')));
    const moduleCount = units.filter((unit) => unit.startsWith('modules/')).length;
    console.log(`Module graph of bff/src: ${units.length} units (${moduleCount} modules, ${faces.length} with an index.ts)`);
    console.log(
      `Imports that bypass a face: ${bypasses.length} (${betweenModules} between modules, ${bypasses.length - betweenModules} from outside modules/; ${intoQueries} straight into a queries.ts)`,
    );
    const inCycles = found.reduce((sum, component) => sum + component.length, 0);
    const mutual = mutualPairs(edges);
    console.log(`Module cycles: ${found.length} cyclic group(s) holding ${inCycles} units; ${mutual.length} pair(s) import each other`);
    for (const pair of mutual) console.log(`  ${pair}`);
    for (const component of found) console.log(`  cycle of ${component.length}: ${component.join(', ')}`);
    console.log(`Tables with more than one writer: ${shared.length} of ${tableWriters.size}; ownership problems: ${ownership.length}`);
    for (const problem of ownership) console.log(`  ✗ ${problem}`);
    const width = Math.max(...[...tableWriters.keys()].map((table) => table.length));
    for (const [table, list] of tableWriters) {
      const mark = list.length > 1 ? '✗' : ' ';
      console.log(`  ${mark} ${table.padEnd(width)}  ${list.length}  ${list.join(', ') || '— (no writer in bff/src)'}`);
    }
    return 0;
  }

  for (const component of found) {
    console.error(`✗ module cycle: ${component.join(', ')}`);
    for (const line of describeEdges(component, edges)) console.error(`    ${line}`);
  }
  for (const [table, list] of shared) {
    console.error(`✗ table ${table} has ${list.length} writers: ${list.join(', ')} (one module owns it; the others call the owner)`);
  }
  for (const problem of ownership) console.error(`✗ ${problem}`);
  if (found.length > 0 || shared.length > 0 || ownership.length > 0) {
    console.error(
      `\nmodule-graph: ${found.length} module cycle(s), ${shared.length} table(s) with more than one writer, ${ownership.length} ownership problem(s) (details: --report)`,
    );
    return 1;
  }
  console.log(`module-graph: ${units.length} units, no module cycles, one writer per table`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
