import type { AppDeps } from '../../deps';
import { errors } from '../../http/errors';
import { mapWechatError } from '../../wechat/errors';
import { groupScene, GROUP_PAGE } from '../share';
import { findGroup } from './queries';

const CACHE_SECONDS = 7 * 86_400;

/**
 * The group's mini-program code (for the poster). WeChat draws it once per (group, sharer);
 * Redis keeps the PNG so a popular poster does not spend the app's wxacode quota.
 */
export async function groupQrCode(
  deps: Pick<AppDeps, 'db' | 'redis' | 'wechat' | 'config'>,
  groupId: number,
  sharerId?: number,
): Promise<Buffer> {
  if (!(await findGroup(deps.db, groupId))) throw errors.notFound('GROUP_NOT_FOUND', '拼团不存在');
  const scene = groupScene(groupId, sharerId);
  const key = `wxacode:${GROUP_PAGE}:${scene}`;
  const cached = await deps.redis.get(key);
  if (cached) return Buffer.from(cached, 'base64');
  const png = await deps.wechat
    // check_path only in production: in dev the page is not published yet.
    .getUnlimitedQrCode({ scene, page: GROUP_PAGE, checkPath: deps.config.env === 'production', width: 430 })
    .catch((err: unknown) => {
      throw mapWechatError(err);
    });
  await deps.redis.set(key, png.toString('base64'), { EX: CACHE_SECONDS });
  return png;
}
