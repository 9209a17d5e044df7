import { z } from 'zod';
import { createConnector, CreateConnectorInput, listConnectors, updateConnector, UpdateConnectorInput } from '../../services/connectors';
import { assignTarget, AssignTargetInput, createTarget, CreateTargetInput, listTargets } from '../../services/finance-targets';
import { getRun, listRuns, RunListInput } from '../../services/runs';
import { replayRuns, ReplayRunsInput } from '../../services/runs-replay';
import { actorOf } from '../actor';
import { procedure } from '../init';

/** Sources of live OA events. A created webhook's secret is in the answer once; no read returns secrets. */
export const connectorsRouter = {
  list: procedure.query(({ ctx }) => listConnectors(ctx.db)),
  create: procedure.input(CreateConnectorInput).mutation(({ ctx, input }) => createConnector(ctx.db, actorOf(ctx), input)),
  update: procedure.input(UpdateConnectorInput).mutation(({ ctx, input }) => updateConnector(ctx.db, actorOf(ctx), input)),
};

/** Finance systems vouchers are delivered to, and which mapping posts to which. */
export const targetsRouter = {
  list: procedure.query(({ ctx }) => listTargets(ctx.db)),
  create: procedure.input(CreateTargetInput).mutation(({ ctx, input }) => createTarget(ctx.db, actorOf(ctx), input)),
  assign: procedure.input(AssignTargetInput).mutation(({ ctx, input }) => assignTarget(ctx.db, actorOf(ctx), input)),
};

/** Live runs: what happened to each OA event, and replays of the failed ones. */
export const runsRouter = {
  list: procedure.input(RunListInput).query(({ ctx, input }) => listRuns(ctx.db, input)),
  get: procedure.input(z.object({ id: z.number().int().positive() })).query(({ ctx, input }) => getRun(ctx.db, input.id)),
  replay: procedure.input(ReplayRunsInput).mutation(({ ctx, input }) => replayRuns(ctx.db, actorOf(ctx), input)),
};
