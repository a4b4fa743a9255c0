import { OpenAPIRegistry, OpenApiGeneratorV3, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { CONTRACT_ENUMS } from './contract/enums';
import { ERROR_CODES } from './contract/error-codes';

extendZodWithOpenApi(z);

/** Every code an error body can carry (contract/error-codes.ts; a test keeps it equal to what bff/src throws). */
export const ErrorCodeSchema = z.enum(ERROR_CODES).openapi('ErrorCode', { example: 'OUT_OF_STOCK' });

export const ErrorBodySchema = z
  .object({
    code: ErrorCodeSchema,
    message: z.string().openapi({ example: '库存不足' }),
    requestId: z.string().optional(),
    /** Validation failures: which fields, and why. */
    details: z.unknown().optional(),
  })
  .openapi('Error');

/** Modules register their routes here with the same zod schemas that validate requests. */
export function createOpenApiRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.register('Error', ErrorBodySchema);
  for (const [name, schema] of Object.entries(CONTRACT_ENUMS)) registry.register(name, schema);
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
