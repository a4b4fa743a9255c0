/**
 * Readable names over the generated contract (api.gen.ts, from the BFF's OpenAPI document):
 * `Schema<'Order'>` is a named schema, `ResponseOf<'/api/orders', 'get'>` the JSON a route answers
 * with, `BodyOf`/`QueryOf` what it takes. The endpoint modules next to this alias their types
 * through these, so no API shape is written by hand.
 */
import type { components, paths } from './api.gen';

export type { components, paths } from './api.gen';

export type Schemas = components['schemas'];
export type Schema<Name extends keyof Schemas> = Schemas[Name];

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;

/** The JSON body of the route's success answer (200 or 201). */
export type ResponseOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer R }
    ? R extends { 200: infer Ok }
      ? Json<Ok>
      : R extends { 201: infer Created }
        ? Json<Created>
        : never
    : never;

/** The JSON request body the route takes. */
export type BodyOf<P extends keyof paths, M extends Method> = Json<NonNullable<Operation<P, M>['requestBody']>>;

/** The query parameters the route takes. */
export type QueryOf<P extends keyof paths, M extends Method> = NonNullable<Operation<P, M>['parameters']['query']>;

/** A BFF error body (`{ code, message }`); `code` is one of the documented ErrorCodes. */
export type ErrorBody = Schema<'Error'>;
export type ErrorCode = Schema<'ErrorCode'>;
