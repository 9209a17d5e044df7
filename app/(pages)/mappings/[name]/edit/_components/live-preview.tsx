'use client';

import { Alert, Card, Space, Spin, Typography } from 'antd';
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { MappingSpec } from '#server/engine/spec';
import { useEditorStore } from '../../../../../_canvas/store';
import { NO_FOCUS, traceFocus, traceOf } from '../../../../../_canvas/trace-focus';
import { useI18n } from '../../../../../_i18n/client';
import { runErrorText } from '../../../../../_lib/run-error-text';
import { editorProblemContext, problemText } from '../../../../../_canvas/problem-text';
import type { PreviewResult } from '../../../../../_trpc/types';
import { PayloadPicker } from '../../preview/_components/payload-picker';
import { RunErrors } from '../../preview/_components/run-errors';
import { RunStatus } from '../../preview/_components/run-status';
import { TargetDocument } from '../../preview/_components/target-document';
import { ValueTrace } from '../../preview/_components/value-trace';
import { VoucherHeader } from '../../preview/_components/voucher-header';
import { VoucherLines } from '../../preview/_components/voucher-lines';
import { voucherVerdict } from '../../preview/_components/voucher-verdict';
import { stableResult } from './stable-result';
import { usePreviewRunner, type PreviewInput } from './use-preview-runner';

type Result = PreviewResult;
interface Job {
  spec: MappingSpec;
  /** When the edit that produced this spec happened (`performance.now()`); 0 for the spec as loaded. */
  editedAt: number;
  /** When the run started (the editor had re-rendered the edit by then) and when its result came back. */
  sentAt?: number;
  receivedAt?: number;
}

/** How problems read in the UI's language: run errors and mapping (compile) problems. */
interface Wording {
  run(e: Result['errors'][number]): string;
  compile(e: Result['compileErrors'][number]): string;
}

/** A run's problems by the node that raised them and by the OA field they name, for the canvas and the tree. */
function errorsOf(r: Result, word: Wording): [Record<string, string>, Record<string, string>] {
  const errors: Record<string, string> = {};
  for (const e of r.compileErrors) if (e.node) errors[e.node] ??= word.compile(e);
  const fields: Record<string, string> = {};
  for (const e of r.errors) {
    const text = word.run(e);
    if (e.node) errors[e.node] ??= text;
    if (e.field) fields[e.field] ??= text;
  }
  return [errors, fields];
}

/**
 * The voucher the spec on the canvas makes right now, saved or not: re-run after every edit (the preview page's
 * components, so both pages show a voucher the same way). Errors also go onto the nodes that raised them.
 */
export function LivePreview({ connector }: { connector: string }) {
  const { t, label } = useI18n();
  // Errors go onto nodes and tree rows as text, worded in the UI's language when they are set.
  const word = useRef<Wording>(null!);
  word.current = {
    run: (e) => runErrorText(e, t, label),
    compile: (e) => problemText(e, editorProblemContext(useEditorStore.getState(), t, label)),
  };
  const spec = useEditorStore((s) => s.spec);
  const setNodeErrors = useEditorStore((s) => s.setNodeErrors);
  const setProblems = useEditorStore((s) => s.setProblems);
  const [input, setInput] = useState<PreviewInput>({});
  const runner = usePreviewRunner(spec, input);
  const runnerRef = useRef(runner);
  runnerRef.current = runner;
  const [shown, setShown] = useState<{ result: Result; job: Job } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const timing = useRef<HTMLDivElement>(null);
  const inFlight = useRef(false);
  const queued = useRef<Job | null>(null);

  /**
   * One run at a time, and always the newest spec next: a link shows its effect at once, while a burst of edits
   * (typing a name fires one per key) costs at most one run in flight plus the latest one waiting.
   */
  const send = useCallback(
    (job: Job) => {
      inFlight.current = true;
      setPending(true);
      job.sentAt = performance.now();
      runnerRef.current
        .run(job.spec)
        .then(
          (r) => {
            job.receivedAt = performance.now();
            // The run ends in the task that rendered the edit (the pipeline awaits nothing but promises): commit its
            // voucher now rather than in a task React schedules later, after which the browser would first lay
            // out and paint the edit alone, so the voucher showed a frame behind the canvas.
            // The spec as loaded (editedAt 0) keeps React's own scheduling: nobody waits on it, the opening does.
            const commit = () => {
              setNodeErrors(...errorsOf(r, word.current));
              setProblems(r.compileErrors);
              setShown((prev) => ({ result: stableResult(prev?.result ?? null, r), job }));
              setFailure(null);
            };
            if (job.editedAt > 0) flushSync(commit);
            else commit();
          },
          (e: unknown) => setFailure(e instanceof Error ? e.message : String(e)),
        )
        .finally(() => {
          inFlight.current = false;
          const next = queued.current;
          queued.current = null;
          if (next) send(next);
          else setPending(false);
        });
    },
    [setNodeErrors, setProblems],
  );

  useEffect(() => {
    if (!spec || !runner.ready) return;
    const job: Job = { spec, editedAt: useEditorStore.getState().editedAt };
    if (inFlight.current) queued.current = job;
    else send(job);
    // readyKey: the payload or a table the spec reads arrived, so the same spec gives a new result.
  }, [spec, runner.ready, runner.readyKey, send]);

  useLayoutEffect(() => {
    const el = timing.current;
    if (!el || !shown || queued.current) return;
    const { job } = shown;
    el.dataset.previewRenderedAt = String(performance.now());
    el.dataset.previewEditedAt = String(job.editedAt);
    el.dataset.previewSentAt = String(job.sentAt ?? '');
    el.dataset.previewReceivedAt = String(job.receivedAt ?? '');
  }, [shown]);

  // A language switch re-words what is on the nodes without waiting for the next run (a run words its own).
  const shownRef = useRef(shown);
  shownRef.current = shown;
  useEffect(() => {
    const result = shownRef.current?.result;
    if (result) setNodeErrors(...errorsOf(result, word.current));
  }, [t, setNodeErrors]);

  const runSample = useCallback((sampleId: number) => setInput({ sampleId }), []);
  const runPayload = useCallback((payloadText: string) => setInput({ payloadText }), []);
  const problem = failure ?? (runner.noSample ? t('payload.noSamples') : runner.loadError?.message) ?? null;
  const result = shown?.result;
  return (
    <Card
      size="small"
      title={t('editor.preview.title')}
      extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('editor.preview.hint')}</Typography.Text>}
      data-testid="editor-preview"
    >
      <div ref={timing} data-testid="editor-preview-timing" hidden />
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <PayloadPicker
          connector={connector}
          running={!runner.ready}
          onRunSample={runSample}
          onRunPayload={runPayload}
        />
        {problem && <Alert type="error" showIcon title={t('preview.requestFailed')} description={problem} />}
        {result && (
          <Spin spinning={pending} delay={200}>
            <ResultView result={result} />
          </Spin>
        )}
      </Space>
    </Card>
  );
}

/**
 * The voucher, errors, document and trace of one result: re-rendered when a new result arrives, not on every edit
 * of the spec (on a large form these tables are most of the page's rendering work).
 */
const ResultView = memo(function ResultView({ result }: { result: Result }) {
  const highlight = useEditorStore((s) => s.highlight);
  // The memoised parts below keep their first callbacks (props compare as JSON): read the newest result through a ref.
  const latest = useRef(result);
  latest.current = result;
  const pickEntry = useCallback(
    (e: Result['trace'][number]) => highlight(traceFocus(e, latest.current.lines, useEditorStore.getState().spec)),
    [highlight],
  );
  const pickValue = useCallback(
    (target: string) => {
      const e = traceOf(latest.current.trace, target);
      // A value no node produced (a constant of the ledger adapter) has no trace: clear rather than keep a stale one.
      if (e) pickEntry(e);
      else highlight(NO_FOCUS);
    },
    [pickEntry, highlight],
  );
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <SameStatus result={result} />
      {result.header && <SameHeader header={result.header} onPickValue={pickValue} missing={result.missing} />}
      {result.lines.length > 0 && <SameLines lines={result.lines} totals={result.totals} verdict={voucherVerdict(result)} onPickValue={pickValue} missing={result.missing} />}
      {/* Mapping problems are listed, worded and clickable, in the problems panel beside the preview. */}
      <SameErrors errors={result.errors} compileErrors={NONE} />
      {result.document && <SameDocument document={result.document} targetFormat={result.mapping.targetFormat} />}
      {result.trace.length > 0 && (
        <ValueTrace
          trace={result.trace}
          defaultOpen
          onPick={pickEntry}
        />
      )}
    </Space>
  );
});

/**
 * An edit usually changes a line or two of the voucher: the parts of the result that came out the same (compared
 * as JSON, small next to rendering them) keep what they rendered.
 */
const NONE: Result['compileErrors'] = [];
const sameJson = <P extends object>(a: P, b: P) => JSON.stringify(a) === JSON.stringify(b);
// The status reads the kind, totals, counts and the skip reason, never the trace or the document.
const SameStatus = memo(RunStatus, (a, b) => {
  const gist = ({ result: r }: { result: Result }) => JSON.stringify([r.kind, r.totals, r.lines.length, r.errors, r.compileErrors.length, r.missing.length, r.skipReason, r.mapping]);
  return gist(a) === gist(b);
});
const SameHeader = memo(VoucherHeader, sameJson);
const SameLines = memo(VoucherLines, sameJson);
const SameErrors = memo(RunErrors, sameJson);
const SameDocument = memo(TargetDocument, (a, b) => a.document.text === b.document.text && a.targetFormat === b.targetFormat);
