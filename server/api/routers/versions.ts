import { compareVersions } from '../../services/version-compare';
import { reviewPayload, reviewVersion } from '../../services/golden-samples';
import {
  approveVersion, getVersion, listVersions, rejectVersion, rollbackVersion, submitVersion,
} from '../../services/versions';
import { actorOf } from '../actor';
import { procedure } from '../init';
import {
  VersionApproveInput, VersionDiffInput, VersionGetInput, VersionListInput, VersionRejectInput, VersionReviewInput, VersionReviewPayloadInput,
  VersionRollbackInput, VersionSubmitInput,
} from '../version-inputs';

/** Reviewed versions of a mapping: who may call each is in server/api/policy.ts; the four-eyes rule is the service's. */
export const versionsRouter = {
  list: procedure.input(VersionListInput).query(({ ctx, input }) => listVersions(ctx.db, input.mapping)),
  get: procedure.input(VersionGetInput).query(({ ctx, input }) => getVersion(ctx.db, input.mapping, input.version)),
  submit: procedure.input(VersionSubmitInput).mutation(({ ctx, input }) => submitVersion(ctx.db, actorOf(ctx), input)),
  approve: procedure.input(VersionApproveInput).mutation(({ ctx, input }) => approveVersion(ctx.db, actorOf(ctx), input)),
  reject: procedure.input(VersionRejectInput).mutation(({ ctx, input }) => rejectVersion(ctx.db, actorOf(ctx), input)),
  rollback: procedure.input(VersionRollbackInput).mutation(({ ctx, input }) => rollbackVersion(ctx.db, actorOf(ctx), input)),
  diff: procedure.input(VersionDiffInput).query(({ ctx, input }) => compareVersions(ctx.db, input)),
  review: procedure.input(VersionReviewInput).query(({ ctx, input }) => reviewVersion(ctx.db, input)),
  // Changes nothing, yet a mutation: the pasted payload travels in the body (size-limited), never in a GET's URL.
  reviewPayload: procedure.input(VersionReviewPayloadInput).mutation(({ ctx, input }) => reviewPayload(ctx.db, input)),
};
