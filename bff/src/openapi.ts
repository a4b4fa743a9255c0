import { OpenAPIRegistry, OpenApiGeneratorV3, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export const ErrorBodySchema = z
  .object({ code: z.string().openapi({ example: 'OUT_OF_STOCK' }), message: z.string().openapi({ example: '库存不足' }) })
  .openapi('Error');

/** Modules register their routes here with the same zod schemas that validate requests. */
export function createOpenApiRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.register('Error', ErrorBodySchema);
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'Session token from POST /api/auth/login',
  });
  return registry;
}

export function buildOpenApiDocument(registry: OpenAPIRegistry) {
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: { title: 'Shop BFF', version: '1.0.0', description: 'Backend for the WeChat mini-program' },
  });
}
