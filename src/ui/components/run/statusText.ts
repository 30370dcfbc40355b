/** The run's state in one sentence, for the status line (and screen readers). Pure. */
import type { LabState } from '../../store/index.ts';

export function statusText(s: Pick<LabState, 'run' | 'progress' | 'pending' | 'backend' | 'data'>): string {
  const r = s.run;
  if (!r) return s.data.status === 'ready' ? 'Ready to train.' : 'Waiting for data.';
  if (s.pending) {
    const waits = [s.backend.status !== 'ready' ? 'the backend' : '', s.data.status !== 'ready' ? 'the data' : ''].filter(Boolean);
    return `Waiting for ${waits.join(' and ') || 'the worker'}…`;
  }
  switch (r.status) {
    case 'starting': return 'Starting…';
    case 'running': return s.progress?.phase === 'warming-up' ? 'Warming up (compiling kernels)…' : s.progress?.phase === 'evaluating' ? 'Evaluating on the test set…' : 'Training.';
    case 'paused': return 'Paused.';
    case 'completed': return 'Finished.';
    case 'stopped': return r.error ? `Stopped. ${r.error}` : 'Stopped.';
    case 'failed': return `Failed: ${r.error ?? 'unknown error'}`;
    case 'imported': return 'Shared model loaded and evaluated (no training).';
  }
}
