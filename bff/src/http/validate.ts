import type { z } from 'zod';

/** Parses input with a zod schema; a ZodError becomes 400 VALIDATION_FAILED in the error middleware. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  return schema.parse(input);
}
