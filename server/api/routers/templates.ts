import { getTemplate, listTemplates, saveTemplateFromPayload } from '../../services/form-templates';
import { analystProcedure, viewerProcedure } from '../init';
import { TemplateGetInput, TemplateInferInput } from '../inputs';

export const templatesRouter = {
  list: viewerProcedure.query(({ ctx }) => listTemplates(ctx.db)),
  get: viewerProcedure.input(TemplateGetInput).query(({ ctx, input }) => getTemplate(ctx.db, input.oaSystem, input.templateCode)),
  /** A new or changed OA form: infer its fields from a sample submission and store them. */
  inferFromPayload: analystProcedure.input(TemplateInferInput).mutation(({ ctx, input }) => saveTemplateFromPayload(ctx.db, input)),
};
