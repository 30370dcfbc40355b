/**
 * Saved runs (IndexedDB): show one, overlay several on the charts (labelled by what differs),
 * rename, delete, and continue an interrupted run from its last checkpoint.
 */
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../app/labStore.ts';
import { formatPercent } from '../../lib/format.ts';
import { isActive } from '../../store/runSlice.ts';
import { RunItem } from './RunItem.tsx';

export function RunsList() {
  const s = useLab(useShallow((st) => ({ runs: st.runs, loaded: st.runsLoaded, hidden: st.embed && st.hide.includes('runs'), currentId: st.run?.id ?? null, busy: isActive(st.run), overlay: st.overlayIds })));
  if (s.hidden) return null;
  return (
    <section className="panel" aria-labelledby="runs-h" data-testid="panel.runs">
      <h2 id="runs-h">Saved runs <span className="small muted">{s.runs.length || ''}</span></h2>
      {!s.loaded ? <p className="small muted">Reading saved runs…</p> : null}
      {s.loaded && !s.runs.length ? <p className="small muted" data-testid="runs.empty">Runs you start are saved in this browser and listed here.</p> : null}
      <ul className="runs" data-testid="runs.list" aria-label="Saved runs">
        {s.runs.map((r) => (
          <RunItem key={r.id} run={r} current={r.id === s.currentId} busy={s.busy} overlaid={s.overlay.includes(r.id)}
            summary={`${r.status}${r.results ? ` · ${formatPercent(r.results.testAccuracy)} test` : ''} · ${new Date(r.createdAt).toLocaleString()}`} />
        ))}
      </ul>
      {s.overlay.length ? <p className="small muted">Overlaid runs are drawn dashed, labelled by what differs.</p> : null}
    </section>
  );
}
