/** Epoch and step, images/s, time left; "warming up" while the first step compiles. */
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../app/labStore.ts';
import { formatCount, formatDuration } from '../../lib/format.ts';

export function ProgressBar() {
  const p = useLab(useShallow((s) => ({ progress: s.progress, status: s.run?.status ?? null, total: s.run?.totalSteps ?? 0, firstStepMs: s.run?.firstStepMs ?? null })));
  const pr = p.progress;
  const total = pr?.totalSteps || p.total;
  const step = pr?.step ?? 0;
  const frac = total > 0 ? Math.min(1, step / total) : 0;
  const warming = pr?.phase === 'warming-up' || pr?.phase === 'starting';
  const label = !pr
    ? 'No run in progress'
    : `Epoch ${pr.epoch.toFixed(2)}, step ${formatCount(step)} of ${formatCount(total)}`;
  return (
    <div className="panel" aria-label="Progress" data-testid="panel.progress">
      <div className="row small" style={{ justifyContent: 'space-between', marginBottom: '0.3rem' }}>
        <span data-testid="run.progressText">{label}</span>
        {pr ? (
          <span className="muted">
            {warming ? 'warming up…' : `${Math.round(pr.imagesPerSecond)} images/s`}
            {pr.etaSeconds !== null && pr.phase !== 'finished' ? ` · ${formatDuration(pr.etaSeconds)} left` : ''}
            {pr.throttled ? ' · the browser is slowing this background tab' : ''}
          </span>
        ) : null}
      </div>
      <div
        className={`progress${warming ? ' indeterminate' : ''}`}
        role="progressbar"
        data-testid="run.progress"
        aria-valuemin={0}
        aria-valuemax={total || 1}
        aria-valuenow={step}
        aria-valuetext={label}
      >
        <div style={{ width: `${(frac * 100).toFixed(1)}%` }} />
      </div>
      {p.firstStepMs !== null ? <p className="small muted" style={{ margin: '0.3rem 0 0' }}>First step (with kernel compilation): {(p.firstStepMs / 1000).toFixed(1)} s</p> : null}
    </div>
  );
}
