import { z } from 'zod';
import { mediaMimes } from '@shop/db';

/** What an upload is for; each purpose is a place that attaches media (after-sale photos today). */
export const mediaPurposes = ['after_sale'] as const;
export type MediaPurpose = (typeof mediaPurposes)[number];

export const MediaSchema = z
  .object({
    id: z.number().int(),
    url: z.string(),
    mime: z.enum(mediaMimes),
    sizeBytes: z.number().int(),
  })
  .openapi('Media');

/** The upload's form, documented (multipart/form-data: `file`, and `purpose`); the handler parses it. */
export const MediaUploadFieldsSchema = z.object({ purpose: z.enum(mediaPurposes).default('after_sale') });
