import { defineLifecycle, reachableStatuses } from '../../src/domain/lifecycle';

const statuses = ['draft', 'live', 'gone', 'never'] as const;
const doc = defineLifecycle({
  name: 'doc',
  statuses,
  initial: ['draft'],
  events: {
    publish: { from: ['draft'], to: 'live' },
    remove: { from: ['draft', 'live'], to: 'gone' },
    touch: { from: ['live'], to: 'live' },
  },
});

describe('defineLifecycle', () => {
  it('answers a move the table allows with its target, anything else with the refused pair', () => {
    expect(doc.transition('draft', 'publish')).toEqual({ ok: true, from: 'draft', to: 'live' });
    expect(doc.transition('live', 'touch')).toEqual({ ok: true, from: 'live', to: 'live' });
    expect(doc.transition('gone', 'publish')).toEqual({ ok: false, from: 'gone', event: 'publish' });
  });

  it('lists the events and next statuses of a status in table order', () => {
    expect(doc.eventsFrom('live')).toEqual(['remove', 'touch']);
    expect(doc.nextStatuses('live')).toEqual(['gone', 'live']);
    expect(doc.nextStatuses('draft')).toEqual(['live', 'gone']);
  });

  it('knows terminal and reachable statuses', () => {
    expect(statuses.filter((s) => doc.isTerminal(s))).toEqual(['gone', 'never']);
    expect(reachableStatuses(doc)).toEqual(['draft', 'live', 'gone']);
  });

  it('refuses a table that names a status outside its list', () => {
    expect(() =>
      defineLifecycle({
        name: 'bad',
        statuses: ['a', 'b'] as string[],
        initial: ['a'],
        events: { go: { from: ['a'], to: 'c' } },
      }),
    ).toThrow('lifecycle bad: c is not one of its statuses');
  });
});
