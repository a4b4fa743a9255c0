import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import type { AppState } from '../../http/context';
import { requireMemberId } from '../../http/auth';
import { route } from '../../http/route';
import { FlashReminderSchema, LiveReminderSchema, MyRemindersSchema } from './schema';
import { cancelFlashReminder, cancelLiveReminder, myReminders, setFlashReminder, setLiveReminder } from './service';

const id = z.coerce.number().int().positive();

/** 开抢提醒 and 开播提醒: set, cancel, and list mine. */
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
      method: 'put',
      path: '/api/lives/:id/reminder',
      summary: '开播提醒 for a live room still 预告 (idempotent; 422 once it is live or over)',
      tags: ['live'],
      auth: true,
      params: z.object({ id }),
      response: LiveReminderSchema,
    },
    async (ctx, { params }) => setLiveReminder(deps, requireMemberId(ctx), params.id),
  );
  route(
    router,
    registry,
    {
      method: 'delete',
      path: '/api/lives/:id/reminder',
      summary: 'Cancel my 开播提醒 (idempotent)',
      tags: ['live'],
      auth: true,
      params: z.object({ id }),
      response: LiveReminderSchema,
    },
    async (ctx, { params }) => cancelLiveReminder(deps, requireMemberId(ctx), params.id),
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
