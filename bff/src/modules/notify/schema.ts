import { z } from 'zod';

export const NotifyTemplatesSchema = z
  .object({
    groupResult: z.string().openapi({ description: '拼团结果通知 (success or failure)' }),
    pickupReady: z.string().openapi({ description: '取货提醒' }),
    couponExpiring: z.string().openapi({ description: '优惠券到期提醒' }),
    flashStart: z.string().openapi({ description: '秒杀开抢提醒' }),
    liveStart: z.string().openapi({ description: '直播开播提醒' }),
  })
  .openapi('NotifyTemplates');
