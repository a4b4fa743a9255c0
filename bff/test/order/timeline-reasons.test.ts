import fs from 'node:fs';
import path from 'node:path';
import { orderEventReasons, refundSources, type RefundSource as RefundSourceInDb } from '@shop/db';
import type { RefundSource } from '../../src/modules/refund';

const SRC = path.join(__dirname, '..', '..', 'src');

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// The refund that closes an order writes its source as the reason: the BFF's type is the db's list.
const refundSourcesMatch: Same<RefundSource, RefundSourceInDb> = true;

/** Non-literal reasons and the values they can hold. */
const PASSED_ON: Record<string, () => readonly string[]> = {
  // refund/settle.ts: a full refund moves the order with the refund's source.
  'refund.source': () => refundSources,
  // checkout/close.ts: cancelUnpaid(…, reason) and cancelAndRelease(…, reason) write the reason their callers give.
  reason: () =>
    ['cancelUnpaid', 'cancelAndRelease'].flatMap((name) => callsOf(name).flatMap((call) => lastStringArgument(call.text, call.file))),
  // The order lifecycle's recorder (lifecycle/tables.ts) and applyOrderEvent itself pass on what
  // applyOrderEvent's callers give, and those calls are read above.
  'note.reason': () => [],
  'extra.reason': () => [],
};

function sources(dir: string): { file: string; text: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [{ file: path.relative(SRC, full), text: fs.readFileSync(full, 'utf8') }] : [];
  });
}

/** The text from `(` to its matching `)`, skipping string literals. */
function balanced(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"' || ch === '`') {
      for (i++; i < text.length && text[i] !== ch; i++) if (text[i] === '\\') i++;
    } else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return text.slice(open, i + 1);
  }
  throw new Error('unbalanced parentheses');
}

/** Every call of `name(…)` in bff/src (not its declaration). */
function callsOf(name: string): { file: string; text: string }[] {
  const pattern = new RegExp(`(?<!function )\\b${name}\\(`, 'g');
  return sources(SRC).flatMap(({ file, text }) =>
    [...text.matchAll(pattern)].map((match) => ({ file, text: balanced(text, match.index + match[0].length - 1) })),
  );
}

/** The order_events rows written directly: `insert(orderEvents).values(…)`. */
function directInserts(): { file: string; text: string }[] {
  return sources(SRC).flatMap(({ file, text }) =>
    [...text.matchAll(/insert\(orderEvents\)\s*\.values\(/g)].map((match) => ({
      file,
      text: balanced(text, match.index + match[0].length - 1),
    })),
  );
}

/** The reason a call gives as its last argument; none when it passes its own `reason` parameter on. */
function lastStringArgument(call: string, file: string): string[] {
  const text = call.replace(/,\s*\)$/, ')');
  if (/\breason\s*\)$/.test(text)) return [];
  const literal = /'([a-z_]+)'\s*\)$/.exec(text);
  if (!literal) throw new Error(`${file}: ${call} — give the reason as a literal`);
  return [literal[1]];
}

/** What the BFF can write to order_events.reason, read from bff/src. */
function reasonsWritten(): Map<string, string[]> {
  const written = new Map<string, string[]>();
  const add = (reason: string, where: string) => written.set(reason, [...(written.get(reason) ?? []), where]);
  for (const { file, text } of [...callsOf('applyOrderEvent'), ...directInserts()]) {
    for (const [, value] of text.matchAll(/\breason(?::\s*([^,}\n]+))?/g)) {
      const expression = (value ?? 'reason').trim();
      const literal = /^'([^']*)'$/.exec(expression);
      if (literal) add(literal[1], file);
      else if (PASSED_ON[expression]) PASSED_ON[expression]().forEach((reason) => add(reason, `${file} (${expression})`));
      else throw new Error(`${file}: reason ${expression} — add where its values come from to PASSED_ON`);
    }
  }
  return written;
}

describe('order timeline reasons (order_events.reason)', () => {
  it('the refund sources are one list', () => {
    expect(refundSourcesMatch).toBe(true);
  });

  it('finds the places that write a reason', () => {
    expect(callsOf('applyOrderEvent').length).toBeGreaterThanOrEqual(5);
    expect(directInserts().length).toBeGreaterThanOrEqual(2);
  });

  it('orderEventReasons (@shop/db) is exactly what bff/src writes', () => {
    const written = reasonsWritten();
    const unlisted = [...written.keys()].filter((reason) => !(orderEventReasons as readonly string[]).includes(reason));
    expect(unlisted.map((reason) => `${reason} (${written.get(reason)!.join(', ')})`)).toEqual([]);
    expect(orderEventReasons.filter((reason) => !written.has(reason))).toEqual([]);
  });
});
