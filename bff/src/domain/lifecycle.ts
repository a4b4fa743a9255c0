/**
 * A lifecycle is a status column's process written as one table: each event names the statuses it
 * may leave and the one it enters. Anything the table does not list is refused. Pure: the guarded
 * UPDATE that applies a move to a row lives in `lifecycle/apply.ts`.
 *
 * Shape of every lifecycle file in this folder (`order-state.ts` is the model): the table, an
 * ASCII diagram of it, and a test over every (status × event) pair against a table written out
 * by hand, plus invariants (terminal statuses have no exits, every status is reachable).
 */

export type EventRule<S extends string> = { readonly from: readonly S[]; readonly to: S };

export type Transition<S extends string, E extends string> = { ok: true; from: S; to: S } | { ok: false; from: S; event: E };

export type Lifecycle<S extends string, E extends string> = {
  /** Names the entity in histories and error codes: refund, group, group_seat … */
  readonly name: string;
  /** Every value the status column can hold (its enum), including ones no event enters. */
  readonly statuses: readonly S[];
  /** The statuses a row is created in (INSERT, not an event). */
  readonly initial: readonly S[];
  readonly events: { readonly [K in E]: EventRule<S> };
  transition(from: S, event: E): Transition<S, E>;
  /** The statuses `from` can move to, in event order (repeats when two events lead to one status). */
  nextStatuses(from: S): S[];
  /** The events allowed in `from`. */
  eventsFrom(from: S): E[];
  /** No event leaves it. */
  isTerminal(status: S): boolean;
};

export function defineLifecycle<S extends string, const T extends Record<string, EventRule<NoInfer<S>>>>(spec: {
  name: string;
  statuses: readonly S[];
  initial: readonly NoInfer<S>[];
  events: T;
}): Lifecycle<S, keyof T & string> {
  type E = keyof T & string;
  const { name, statuses, initial, events } = spec;
  const names = Object.keys(events) as E[];
  const allows = (from: S, event: E) => (events[event].from as readonly S[]).includes(from);
  const eventsFrom = (from: S) => names.filter((event) => allows(from, event));
  for (const status of [...initial, ...names.flatMap((e) => [...events[e].from, events[e].to])]) {
    if (!statuses.includes(status)) throw new Error(`lifecycle ${name}: ${status} is not one of its statuses`);
  }
  return {
    name,
    statuses,
    initial,
    events,
    transition: (from, event) => (allows(from, event) ? { ok: true, from, to: events[event].to } : { ok: false, from, event }),
    nextStatuses: (from) => eventsFrom(from).map((event) => events[event].to),
    eventsFrom,
    isTerminal: (status) => eventsFrom(status).length === 0,
  };
}

/** Statuses reachable from the initial ones by any sequence of events (for invariants in tests). */
export function reachableStatuses<S extends string, E extends string>(lifecycle: Lifecycle<S, E>): S[] {
  const seen = new Set<S>(lifecycle.initial);
  const queue = [...lifecycle.initial];
  while (queue.length > 0) {
    for (const next of lifecycle.nextStatuses(queue.shift()!)) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return lifecycle.statuses.filter((s) => seen.has(s));
}
