import { notFound } from 'next/navigation';
import type { FormTemplate } from '#server/engine/form-record';
import type { CanvasLayout } from '../../../_canvas/layout';
import { serverCaller, settled } from '../../../_trpc/server';
import { BaselineFlow } from './baseline-flow';

type Params = Promise<{ name: string }>;

/**
 * GET /bench/flow/NAME exists only for `npm run bench:ui` (LEDGERLINK_BENCH=1; 404 otherwise): the baseline the
 * mapping editor is measured against, in the same build. The mapping's nodes and edges as the editor's canvas
 * places them, drawn by React Flow alone — default nodes, no app frame, no trees, no preview — with the data
 * fetched on the server as the editor's page fetches it. See bench/README.md, "UI timings".
 */
export default async function BenchFlowPage({ params }: { params: Params }) {
  if (process.env.LEDGERLINK_BENCH !== '1') notFound();
  const { name } = await params;
  const caller = await serverCaller();
  // Signed out, or no such mapping: nothing to measure (the procedures check the session as over HTTP).
  const mapping = await settled(caller.mappings.get({ name: decodeURIComponent(name) }));
  if (!mapping) notFound();
  const [catalogue, template] = await Promise.all([
    caller.catalogues.target({ format: mapping.targetFormat }),
    mapping.templateCode ? settled(caller.templates.get({ oaSystem: mapping.sourceConnector as FormTemplate['oaSystem'], templateCode: mapping.templateCode })) : undefined,
  ]);
  return (
    <BaselineFlow
      spec={mapping.spec}
      layout={(mapping.layout ?? {}) as CanvasLayout}
      targetFields={catalogue.fields}
      template={(template as FormTemplate | undefined) ?? null}
    />
  );
}
