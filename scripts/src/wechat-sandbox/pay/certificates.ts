import crypto from 'node:crypto';
import type Router from '@koa/router';
import type { RequestState, SandboxDeps } from '../context';
import { wechatTime } from '../ids';
import { encryptResource } from '../signing';
import { payError } from './errors';

/**
 * Platform certificates, encrypted with the APIv3 key (associated_data "certificate"). Merchants
 * on WeChat Pay public keys have none: the endpoint answers 404, as WeChat's does for them.
 */
export function certificateRoutes(router: Router<RequestState>, deps: SandboxDeps): void {
  router.get('/v3/certificates', (ctx) => {
    if (deps.payMode === 'public_key') {
      return payError(ctx, 'RESOURCE_NOT_EXISTS', '无可用的平台证书，请在商户平台-API安全申请使用微信支付公钥');
    }
    const cert = new crypto.X509Certificate(deps.creds.platform.certPem);
    ctx.body = {
      data: [
        {
          serial_no: deps.creds.platform.serialNo,
          effective_time: wechatTime(new Date(cert.validFrom)),
          expire_time: wechatTime(new Date(cert.validTo)),
          encrypt_certificate: encryptResource(deps.creds.apiV3Key, 'certificate', deps.creds.platform.certPem),
        },
      ],
    };
  });
}
