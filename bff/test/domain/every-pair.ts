import { reachableStatuses, type Lifecycle } from '../../src/domain/lifecycle';

/**
 * The every-pair check shared by the lifecycle tests: each (status × event) pair is allowed exactly
 * when the hand-written `allowed` table lists it, with the status it lists. `statuses` is the
 * column's enum from the schema, so a status added there without a decision here fails the test.
 */
export function describeEveryPair<S extends string, E extends string>(
  lifecycle: Lifecycle<S, E>,
  statuses: readonly S[],
  allowed: readonly (readonly [S, E, S])[],
): void {
  const events = Object.keys(lifecycle.events) as E[];
  const everyPair = statuses.flatMap((from) => events.map((event) => [from, event] as const));

  describe(`${lifecycle.name} lifecycle: every (status × event) pair`, () => {
    it('covers exactly the column’s statuses', () => {
      expect([...lifecycle.statuses].sort()).toEqual([...statuses].sort());
    });

    it('lists only pairs that exist', () => {
      for (const [from, event, to] of allowed)
        expect([from, event, statuses.includes(from) && statuses.includes(to)]).toEqual([from, event, true]);
      expect(new Set(allowed.map(([f, e]) => `${f}/${e}`)).size).toBe(allowed.length);
    });

    it.each(everyPair)('%s --%s→ is allowed exactly when the table says so', (from, event) => {
      const expected = allowed.find(([f, e]) => f === from && e === event);
      const result = lifecycle.transition(from, event);
      if (expected) expect(result).toEqual({ ok: true, from, to: expected[2] });
      else expect(result).toEqual({ ok: false, from, event });
    });
  });
}

/** Statuses nothing leads to from the initial ones. */
export function unreachable<S extends string, E extends string>(lifecycle: Lifecycle<S, E>): S[] {
  const reachable = reachableStatuses(lifecycle);
  return lifecycle.statuses.filter((s) => !reachable.includes(s));
}

/** Statuses no event leaves. */
export function terminal<S extends string, E extends string>(lifecycle: Lifecycle<S, E>): S[] {
  return lifecycle.statuses.filter((s) => lifecycle.isTerminal(s));
}
