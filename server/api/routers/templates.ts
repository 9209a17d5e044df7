import { getTemplate, listTemplates, saveTemplateFromPayload } from '../../services/form-templates';
import { procedure } from '../init';
import { TemplateGetInput, TemplateInferInput } from '../inputs';

export const templatesRouter = {
  list: procedure.query(({ ctx }) => listTemplates(ctx.db)),
  get: procedure.input(TemplateGetInput).query(({ ctx, input }) => getTemplate(ctx.db, input.oaSystem, input.templateCode)),
  /** A new or changed OA form: infer its fields from a sample submission and store them. */
  inferFromPayload: procedure.input(TemplateInferInput).mutation(({ ctx, input }) => saveTemplateFromPayload(ctx.db, input)),
};
