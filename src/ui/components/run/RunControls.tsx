/**
 * Start / pause / resume / stop / evaluate now, and the run's status in words. A run the cost
 * estimate calls expensive asks once more before it starts.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../app/labStore.ts';
import { configIssues } from '../../store/configSlice.ts';
import { isActive } from '../../store/runSlice.ts';
import { startWarning } from '../form/CostNote.tsx';
import { statusText } from './statusText.ts';

export function RunControls() {
  const s = useLab(useShallow((st) => ({
    status: st.run?.status ?? null,
    phase: st.progress?.phase ?? null,
    pending: st.pending !== null,
    issues: configIssues(st.config).length,
    warning: startWarning(st),
    text: statusText(st),
    start: st.startRun, pause: st.pauseRun, resume: st.resumeRun, stop: st.stopRun, evaluate: st.evaluateNow,
    active: isActive(st.run),
    canEvaluate: st.activeRunId !== null && isActive(st.run),
  })));
  const [confirming, setConfirming] = useState(false);
  const start = () => {
    if (s.warning && !confirming) return setConfirming(true);
    setConfirming(false);
    s.start();
  };
  const paused = s.status === 'paused';
  return (
    <div className="panel" aria-labelledby="run-h" data-testid="panel.run">
      <h2 id="run-h" className="visually-hidden">Run</h2>
      <div className="row">
        <button type="button" className="primary" data-testid="run.start" disabled={s.active || s.issues > 0} onClick={start}
          title={s.issues ? 'Fix the highlighted settings first' : undefined}>
          {confirming ? 'Start anyway' : 'Start'}
        </button>
        <button type="button" data-testid="run.pause" disabled={!s.active || s.pending || (!paused && s.phase === null)} aria-pressed={paused}
          onClick={paused ? s.resume : s.pause}>
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" data-testid="run.stop" disabled={!s.active} onClick={s.stop}>Stop</button>
        <button type="button" data-testid="run.evaluate" disabled={!s.canEvaluate} onClick={s.evaluate}>Evaluate now</button>
      </div>
      {confirming ? (
        <p className="warning" role="alert">
          {s.warning} <button type="button" onClick={() => setConfirming(false)}>Cancel</button>
        </p>
      ) : null}
      <p data-testid="run.status" data-status={s.status ?? 'idle'} aria-live="polite" className="small" style={{ margin: '0.5rem 0 0' }}>{s.text}</p>
    </div>
  );
}
