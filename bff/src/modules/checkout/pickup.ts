import { eq, inArray } from 'drizzle-orm';
import { stores, type DbOrTx } from '@shop/db';
import { pickupSlots, refuseSlot, type SlotRefusal } from '../../domain/pickup-slots';
import { errors, type AppError } from '../../http/errors';
import { maskPhone, type MemberRow } from '../member';
import type { CreateOrderInput } from './schema';

/**
 * 提货人手机号 and 预约自提时段 of a pickup order (docs/domain.md#pickup-slots): the slots the
 * confirm page offers, and the check the order transaction runs before it writes them.
 */

export type StoreBrief = Pick<typeof stores.$inferSelect, 'id' | 'name' | 'address' | 'phone' | 'lat' | 'lng' | 'openingHours' | 'status'>;

const briefColumns = {
  id: stores.id,
  name: stores.name,
  address: stores.address,
  phone: stores.phone,
  lat: stores.lat,
  lng: stores.lng,
  openingHours: stores.openingHours,
  status: stores.status,
};

export async function findStoreBrief(db: DbOrTx, storeId: number): Promise<StoreBrief | undefined> {
  const [row] = await db.select(briefColumns).from(stores).where(eq(stores.id, storeId)).limit(1);
  return row;
}

/** The stores of a page of orders, in one query. */
export async function storeBriefs(db: DbOrTx, storeIds: number[]): Promise<Map<number, StoreBrief>> {
  const ids = [...new Set(storeIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.select(briefColumns).from(stores).where(inArray(stores.id, ids));
  return new Map(rows.map((row) => [row.id, row]));
}

/** What the confirm page offers: the store's slots now, and the phone it prefills (masked). */
export function pickupChoices(store: StoreBrief | undefined, member: MemberRow | undefined, now: Date) {
  const slots = store && store.status === 'open' ? pickupSlots(store.openingHours, now) : [];
  return {
    slots: slots.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString() })),
    memberPhone: member?.phone ? maskPhone(member.phone) : null,
  };
}

/** The refusal as the customer reads it (422; each code is literal so the contract test sees it). */
function slotError(refusal: SlotRefusal): AppError {
  switch (refusal) {
    case 'past':
      return errors.rule('PICKUP_SLOT_PAST', '该自提时段已过或来不及备货，请重新选择');
    case 'closed':
      return errors.rule('PICKUP_SLOT_CLOSED', '门店该时段不营业，请选择营业时间内的时段');
    case 'too_far':
      return errors.rule('PICKUP_SLOT_UNAVAILABLE', '仅可预约今天和明天的自提时段');
    case 'not_offered':
      return errors.rule('PICKUP_SLOT_UNAVAILABLE', '请选择页面提供的自提时段');
  }
}

/**
 * The pickup fields the order row stores: the phone given, else the member's own; the slot if
 * one was chosen, checked against the store's hours at `now` (422 with the reason otherwise).
 */
export function pickupFields(
  store: StoreBrief | undefined,
  member: MemberRow | undefined,
  pickup: CreateOrderInput['pickup'],
  now: Date,
): { pickupPhone: string | null; pickupSlotStart: Date | null; pickupSlotEnd: Date | null } {
  if (!store) throw errors.notFound('STORE_NOT_FOUND', '门店不存在');
  const slot = pickup?.slot ? { start: new Date(pickup.slot.start), end: new Date(pickup.slot.end) } : null;
  if (slot) {
    const refusal = store.status === 'open' ? refuseSlot(store.openingHours, now, slot) : 'closed';
    if (refusal) throw slotError(refusal);
  }
  return {
    pickupPhone: pickup?.phone ?? member?.phone ?? null,
    pickupSlotStart: slot?.start ?? null,
    pickupSlotEnd: slot?.end ?? null,
  };
}
