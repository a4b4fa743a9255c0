import { lineAmount, outRefundNo, planRefund, retryDelayMs, wechatReason, type RefundableLine } from '../../src/modules/refund/amounts';

const line = (id: number, qty: number, payableFen: number, committedQty = 0, committedFen = 0): RefundableLine => ({
  id,
  qty,
  payableFen,
  committedQty,
  committedFen,
});

describe('refund amounts from the line allocation', () => {
  it.each([
    // [payable, qty, already (qty, fen), refund qty, expected]
    [1000, 3, [0, 0], 1, 333],
    [1000, 3, [1, 333], 1, 333],
    [1000, 3, [2, 666], 1, 334], // the last unit takes what is left
    [1000, 3, [0, 0], 3, 1000],
    [1000, 3, [1, 333], 2, 667],
    [1, 2, [0, 0], 1, 0],
    [1, 2, [1, 0], 1, 1],
    [999, 1, [0, 0], 1, 999],
  ] as const)('payable %d for %d units, after %j: %d units are worth %d', (payable, qty, [doneQty, doneFen], refundQty, expected) => {
    expect(lineAmount(line(1, qty, payable, doneQty, doneFen), refundQty)).toBe(expected);
  });

  it('makes the parts of every line sum exactly to its payable, whatever the split', () => {
    for (let payable = 1; payable <= 500; payable += 37) {
      for (let qty = 1; qty <= 7; qty++) {
        for (let seed = 0; seed < 5; seed++) {
          let doneQty = 0;
          let doneFen = 0;
          while (doneQty < qty) {
            const take = 1 + ((seed * 7 + doneQty * 3) % (qty - doneQty));
            doneFen += lineAmount(line(1, qty, payable, doneQty, doneFen), take);
            doneQty += take;
          }
          expect(doneFen).toBe(payable);
        }
      }
    }
  });

  it('plans the whole order from what is left when no lines are named', () => {
    const plan = planRefund([line(1, 3, 1000, 1, 333), line(2, 2, 500), line(3, 1, 200, 1, 200)], undefined, 1367);
    expect(plan).toEqual({
      ok: true,
      amountFen: 1167,
      lines: [
        { orderLineId: 1, qty: 2, amountFen: 667 },
        { orderLineId: 2, qty: 2, amountFen: 500 },
      ],
    });
  });

  it.each([
    ['an unknown line', [{ orderLineId: 9, qty: 1 }], 'unknown_line'],
    ['more than bought', [{ orderLineId: 1, qty: 4 }], 'qty_exceeds'],
    ['more than is left', [{ orderLineId: 2, qty: 2 }], 'qty_exceeds'],
    [
      'the same line twice',
      [
        { orderLineId: 1, qty: 1 },
        { orderLineId: 1, qty: 1 },
      ],
      'duplicate_line',
    ],
    ['zero units', [{ orderLineId: 1, qty: 0 }], 'bad_qty'],
    ['a free line', [{ orderLineId: 3, qty: 1 }], 'zero_amount'],
  ])('refuses %s', (_why, picks, problem) => {
    const lines = [line(1, 3, 1000), line(2, 2, 500, 1, 250), line(3, 1, 0)];
    expect(planRefund(lines, picks, 1250)).toMatchObject({ ok: false, problem });
  });

  it('never refunds more than is still paid, and says when nothing is left', () => {
    expect(planRefund([line(1, 1, 1000)], undefined, 999)).toEqual({ ok: false, problem: 'exceeds_paid' });
    expect(planRefund([line(1, 1, 1000, 1, 1000)], undefined, 0)).toEqual({ ok: false, problem: 'nothing_left' });
  });
});

describe('retry backoff, refund number, reason', () => {
  it('backs off 30 s, 2 min, 10 min, 30 min, 2 h, then every 6 h', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => retryDelayMs(n) / 1000)).toEqual([30, 120, 600, 1800, 7200, 21600, 21600, 21600]);
  });

  it('numbers refunds RF + order number suffix + sequence within WeChat’s limits', () => {
    const no = outRefundNo('SO250101120000123456', 3);
    expect(no).toBe('RF250101120000123456-03');
    expect(no).toMatch(/^[A-Za-z0-9_\-|*@]{1,64}$/);
  });

  it('cuts the reason to WeChat’s 80 bytes on a character boundary', () => {
    const reason = '商品'.repeat(40);
    const cut = wechatReason(reason);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(80);
    expect(cut).toBe('商品'.repeat(13));
  });
});
