import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import type { AppState } from '../../http/context';
import { requireMemberId } from '../../http/auth';
import { route } from '../../http/route';
import { FlashReminderSchema, MyRemindersSchema } from './schema';
import { cancelFlashReminder, myReminders, setFlashReminder } from './service';

const id = z.coerce.number().int().positive();

/** 开抢提醒: set, cancel, and list mine. */
export function reminderRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();
  const tags = ['flashsale'];
  route(
    router,
    registry,
    {
      method: 'put',
      path: '/api/flash-sales/:id/reminder',
      summary: '开抢提醒 for a coming flash sale (idempotent; 422 once it has started or ended)',
      tags,
      auth: true,
      params: z.object({ id }),
      response: FlashReminderSchema,
    },
    async (ctx, { params }) => setFlashReminder(deps, requireMemberId(ctx), params.id),
  );
  route(
    router,
    registry,
    {
      method: 'delete',
      path: '/api/flash-sales/:id/reminder',
      summary: 'Cancel my 开抢提醒 (idempotent)',
      tags,
      auth: true,
      params: z.object({ id }),
      response: FlashReminderSchema,
    },
    async (ctx, { params }) => cancelFlashReminder(deps, requireMemberId(ctx), params.id),
  );
  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/me/reminders',
      summary: 'The flash sales I set 开抢提醒 for that are still to be sent',
      tags,
      auth: true,
      response: MyRemindersSchema,
    },
    async (ctx) => myReminders(deps, requireMemberId(ctx)),
  );
  return router;
}
