import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { formTemplates } from '../../db/schema';
import { getConnector, parseJsonPayload } from '../connectors';
import { isShapeError, type ConnectorId } from '../connectors/types';
import type { FormTemplate, OaSystem, TemplateField } from '../engine';
import { NotFoundError, ValidationError } from './errors';

export interface FormTemplateSummary {
  oaSystem: string;
  templateCode: string;
  name: string;
  fieldCount: number;
  updatedAt: string;
}

export function listTemplates(db: Db): FormTemplateSummary[] {
  return db
    .select()
    .from(formTemplates)
    .orderBy(asc(formTemplates.oaSystem), asc(formTemplates.name))
    .all()
    .map((t) => ({
      oaSystem: t.oaSystem,
      templateCode: t.templateCode,
      name: t.name,
      fieldCount: (JSON.parse(t.fieldsJson) as TemplateField[]).length,
      updatedAt: t.updatedAt,
    }));
}

export function getTemplate(db: Db, oaSystem: string, templateCode: string): FormTemplate {
  const t = db
    .select()
    .from(formTemplates)
    .where(and(eq(formTemplates.oaSystem, oaSystem), eq(formTemplates.templateCode, templateCode)))
    .get();
  if (!t) throw new NotFoundError(`no ${oaSystem} form template "${templateCode}"`);
  return { oaSystem: t.oaSystem as OaSystem, templateCode: t.templateCode, name: t.name, fields: JSON.parse(t.fieldsJson) };
}

/**
 * Infers a form template from a sample payload with the OA system's connector and stores it (replacing the
 * fields of a template with the same code, since the OA form may have gained or lost fields).
 */
export function saveTemplateFromPayload(
  db: Db,
  input: { connector: ConnectorId; payloadText: string; name?: string; templateCode?: string },
): FormTemplate {
  const parsed = parseJsonPayload(input.payloadText);
  if (!parsed.ok) throw new ValidationError(parsed.error.message);
  const inferred = getConnector(input.connector).inferTemplate(parsed.value, { templateCode: input.templateCode });
  if (isShapeError(inferred)) throw new ValidationError(`${inferred.path}: ${inferred.message}`);
  const code = inferred.templateCode || input.templateCode;
  if (!code) throw new ValidationError('the payload names no form template: give its template code');
  const template: FormTemplate = { ...inferred, templateCode: code, name: input.name?.trim() || inferred.name || code };
  db.insert(formTemplates)
    .values({ oaSystem: template.oaSystem, templateCode: code, name: template.name, fieldsJson: JSON.stringify(template.fields) })
    .onConflictDoUpdate({
      target: [formTemplates.oaSystem, formTemplates.templateCode],
      set: { name: template.name, fieldsJson: JSON.stringify(template.fields), updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` },
    })
    .run();
  return template;
}
