import { z } from 'zod';
import { PayloadTextSchema } from './inputs';

/**
 * Input schemas of the versions and audit procedures, shared with the browser. Pure zod (the client bundles it).
 * The services parse again with their own schemas: the router's are for early, field-level messages.
 */
const mapping = z.string().min(1).max(120);
const version = z.number().int().positive();
const text = z.string().max(2000);

export const VersionListInput = z.object({ mapping });
export const VersionGetInput = z.object({ mapping, version });
export const VersionSubmitInput = z.object({ mapping, note: text });
export const VersionApproveInput = z.object({
  mapping,
  version,
  comment: text.optional(),
  /** ISO instant, or a date-time in China time (`2026-01-01 00:00`); absent: in force at once */
  effectiveFrom: z.string().max(40).optional(),
  confirmNewFailures: z.boolean().optional(),
});
export const VersionRejectInput = z.object({ mapping, version, comment: text });
export const VersionRollbackInput = z.object({ mapping, version, note: text });
export const VersionDiffInput = z.object({ mapping, from: version, to: z.union([version, z.literal('draft')]) });
export const VersionReviewInput = z.object({
  mapping,
  version,
  /** payloads the reviewer pastes, run beside the stored samples of the form */
  pasted: z.array(z.object({ name: z.string().min(1).max(200), payloadText: PayloadTextSchema })).max(20).optional(),
});
/** One payload the reviewer pastes on the review screen: a mutation, since a payload does not belong in a URL. */
export const VersionReviewPayloadInput = z.object({
  mapping,
  version,
  payload: PayloadTextSchema,
  name: z.string().max(200).optional(),
});

export const AuditListInput = z.object({
  actor: z.string().max(120).optional(),
  /** exact action, or a prefix ending in a dot (`version.`) */
  action: z.string().max(80).optional(),
  objectType: z.string().max(80).optional(),
  objectId: z.string().max(300).optional(),
  /** ISO instants (inclusive) */
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
  /** entries with an id below this one (paging back in time) */
  before: z.number().int().positive().optional(),
});
export type AuditListInput = z.input<typeof AuditListInput>;
