import { createCallerFactory, router } from './init';
import { accountRouter } from './routers/account';
import { auditRouter } from './routers/audit';
import { cataloguesRouter } from './routers/catalogues';
import { connectorsRouter, runsRouter, targetsRouter } from './routers/live';
import { mappingLifecycleRouter } from './routers/mapping-lifecycle';
import { mappingsRouter } from './routers/mappings';
import { previewRouter } from './routers/preview';
import { samplesRouter } from './routers/samples';
import { tablesRouter } from './routers/tables';
import { templatesRouter } from './routers/templates';
import { usersRouter } from './routers/users';
import { versionsRouter } from './routers/versions';

export const appRouter = router({
  mappings: { ...mappingsRouter, ...mappingLifecycleRouter },
  samples: samplesRouter,
  preview: previewRouter,
  tables: tablesRouter,
  templates: templatesRouter,
  catalogues: cataloguesRouter,
  account: accountRouter,
  users: usersRouter,
  versions: versionsRouter,
  audit: auditRouter,
  connectors: connectorsRouter,
  targets: targetsRouter,
  runs: runsRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side calls without HTTP: router tests, and later server components. */
export const createCaller = createCallerFactory(appRouter);
