import { errorCodeValues, timelineReasonValues } from '../src/services/api.gen';
import { TIMELINE_REASONS, timelineReasonText } from '../src/utils/checkout';

/**
 * The order timeline's reasons come from the BFF's contract (TimelineReason, generated from the
 * very list the BFF's own test holds to what it writes to order_events.reason). The label table is
 * typed over that enum, so `npm run typecheck` already refuses a missing or unknown key; this
 * checks the same at run time, so the `order_completed`/`picked_up` drift cannot come back.
 */
test.each([...timelineReasonValues])('the timeline has Chinese for the reason %s', (reason) => {
  expect(timelineReasonText(reason)).toMatch(/\p{Script=Han}/u);
});

test('the timeline labels no reason the BFF does not write', () => {
  expect(Object.keys(TIMELINE_REASONS).sort()).toEqual([...timelineReasonValues].sort());
});

test('handing over at the store reads 已到店取货', () => {
  expect(timelineReasonText('picked_up')).toBe('已到店取货');
});

test('the contract lists the error codes pages branch on', () => {
  for (const code of ['OUT_OF_STOCK', 'ORDER_PAY_EXPIRED', 'PICKUP_CODE_INVALID', 'GROUP_FULL']) expect(errorCodeValues).toContain(code);
});
