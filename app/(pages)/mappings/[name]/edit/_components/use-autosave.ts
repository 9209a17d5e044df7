'use client';

import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useEditorStore } from '../../../../../_canvas/store';
import { useTRPC } from '../../../../../_trpc/client';

export type SaveState =
  | { kind: 'saved'; revision: number }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'failed'; message: string }
  /** Someone saved a newer revision: autosave stops until the analyst reloads; nothing is overwritten. */
  | { kind: 'conflict'; revision: number };

/**
 * Saves the draft a moment after the analyst stops editing, always with the revision it was loaded or last saved
 * at, so the server refuses a save on top of someone else's.
 */
export function useAutosave(name: string, loadedRevision: number | null): SaveState {
  const trpc = useTRPC();
  const save = useMutation(trpc.mappings.saveDraft.mutationOptions());
  const editCount = useEditorStore((s) => s.editCount);
  const revision = useRef<number | null>(loadedRevision);
  const [state, setState] = useState<SaveState>({ kind: 'saved', revision: loadedRevision ?? 0 });
  const { mutateAsync } = save;
  const inFlight = useRef(false);
  const conflicted = useRef(false);

  useEffect(() => {
    revision.current = loadedRevision;
    conflicted.current = false;
    setState({ kind: 'saved', revision: loadedRevision ?? 0 });
  }, [loadedRevision]);

  useEffect(() => {
    if (editCount === 0 || conflicted.current) return;
    setState({ kind: 'dirty' });
    const timer = setTimeout(async function flush() {
      if (inFlight.current) return void setTimeout(flush, 200);
      const { spec, layout, editCount: sentAt } = useEditorStore.getState();
      if (!spec || revision.current === null || conflicted.current) return;
      inFlight.current = true;
      setState({ kind: 'saving' });
      try {
        const r = await mutateAsync({ name, spec, layout, expectedRevision: revision.current });
        revision.current = r.revision;
        if (useEditorStore.getState().editCount === sentAt) setState({ kind: 'saved', revision: r.revision });
      } catch (e) {
        const err = e as { data?: { code?: string }; message?: string };
        if (err.data?.code === 'CONFLICT') {
          conflicted.current = true;
          setState({ kind: 'conflict', revision: revision.current });
        } else setState({ kind: 'failed', message: err.message ?? String(e) });
      } finally {
        inFlight.current = false;
      }
    }, 700);
    return () => clearTimeout(timer);
  }, [editCount, name, mutateAsync]);

  return state;
}
