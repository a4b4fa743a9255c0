import type { StaffRole } from '../services/member';
import type { SalesChannel } from '../services/staff';
import { formatShanghaiDateTime } from './time';

/** Display rules for the staff workspace (店员工作台). */

const ROLE_LABELS: Record<StaffRole, string> = { clerk: '店员', manager: '店长', admin: '总部' };

export function roleLabel(role: StaffRole): string {
  return ROLE_LABELS[role] ?? '店员';
}

const RANK: Record<StaffRole, number> = { clerk: 1, manager: 2, admin: 3 };

/** Whether `role` may do what needs `minRole` (clerk ⊂ manager ⊂ admin), as the BFF decides. */
export function hasRole(role: StaffRole, minRole: StaffRole): boolean {
  return (RANK[role] ?? 0) >= RANK[minRole];
}

const CHANNEL_LABELS: Record<SalesChannel, string> = { online: '线上商城', live: '直播间', offline: '门店收银' };

export function channelLabel(channel: SalesChannel | string): string {
  return CHANNEL_LABELS[channel as SalesChannel] ?? channel;
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 86_400_000;

/** The Asia/Shanghai calendar day of a time, as a day number (for "today" comparisons). */
function shanghaiDay(at: number): number {
  return Math.floor((at + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** "今天 14:05" / "昨天 09:30" / "12月5日 20:00" in Asia/Shanghai: queue times read at a glance. */
export function formatQueueTime(iso: string, now: number = Date.now()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const full = formatShanghaiDateTime(iso);
  const clock = full.slice(full.indexOf(' ') + 1);
  const days = shanghaiDay(now) - shanghaiDay(at);
  if (days === 0) return `今天 ${clock}`;
  if (days === 1) return `昨天 ${clock}`;
  return full;
}

/** How long an order has waited since `iso`: "刚刚" / "25分钟" / "3小时" / "2天". */
export function formatWaited(iso: string, now: number = Date.now()): string {
  const ms = Math.max(0, now - Date.parse(iso));
  if (Number.isNaN(ms) || ms < 60_000) return '刚刚';
  if (ms < 3600_000) return `${Math.floor(ms / 60_000)}分钟`;
  if (ms < DAY_MS) return `${Math.floor(ms / 3600_000)}小时`;
  return `${Math.floor(ms / DAY_MS)}天`;
}

/** Whether a deadline (ISO) has passed. */
export function isPast(iso: string | null, now: number = Date.now()): boolean {
  return iso !== null && Date.parse(iso) <= now;
}

/** The store queue endpoint answers at most this many orders per list. */
export const QUEUE_LIMIT = 50;

/** A queue length for a badge: 12 → "12", 50 (the endpoint's cap) → "50+". */
export function formatQueueCount(count: number): string {
  return count >= QUEUE_LIMIT ? `${QUEUE_LIMIT}+` : String(count);
}
