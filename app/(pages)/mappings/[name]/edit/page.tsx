import type { Metadata } from 'next';
import { OA_SYSTEMS } from '#server/engine/form-record';
import { getTranslator } from '../../../../_i18n/server';
import { serverCaller, settled } from '../../../../_trpc/server';
import { MappingEditor, type EditorInitialData } from './_components/mapping-editor';

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const [{ name }, t] = await Promise.all([params, getTranslator()]);
  return { title: `${t('editor.title')} · ${decodeURIComponent(name)}` };
}

export default async function MappingEditPage({ params }: { params: Params }) {
  const name = decodeURIComponent((await params).name);
  return <MappingEditor mappingName={name} initial={await editorData(name)} />;
}

/**
 * What the editor needs before it can draw (not the function palette: the panels below the canvas ask for it when
 * they load), read here in one go: in the browser it was two rounds of requests
 * (the mapping, then its form template and voucher catalogue, which depend on it). A part that fails is left out,
 * and the editor asks for it itself and shows the failure as it always did (a 404 for an unknown mapping).
 */
async function editorData(name: string): Promise<EditorInitialData> {
  const caller = await serverCaller();
  const mapping = await settled(caller.mappings.get({ name }));
  if (!mapping) return {};
  const connector = OA_SYSTEMS.find((c) => c === mapping.sourceConnector);
  const [catalogue, template] = await Promise.all([
    settled(caller.catalogues.target({ format: mapping.targetFormat })),
    connector && mapping.templateCode ? settled(caller.templates.get({ oaSystem: connector, templateCode: mapping.templateCode })) : undefined,
  ]);
  return { mapping, catalogue, template };
}
