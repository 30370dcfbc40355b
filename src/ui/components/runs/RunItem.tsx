/** One saved run: overlay checkbox, name (renamable), status, and its actions. */
import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../app/labStore.ts';
import type { RunRecord } from '../../store/runTypes.ts';

export function RunItem({ run, current, busy, overlaid, summary }: { run: RunRecord; current: boolean; busy: boolean; overlaid: boolean; summary: string }) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(run.name);
  const { toggleOverlay, renameRun, deleteRun, showRun, resumeSaved } = useLab(useShallow((s) => ({
    toggleOverlay: s.toggleOverlay, renameRun: s.renameRun, deleteRun: s.deleteRun, showRun: s.showRun, resumeSaved: s.resumeSaved,
  })));
  const canContinue = (run.status === 'stopped' || run.status === 'failed') && run.checkpointStep !== null && run.checkpointStep < run.totalSteps;
  return (
    <li className={current ? 'current' : undefined} data-testid="runs.item" data-run-id={run.id} aria-current={current || undefined}>
      <div className="row" style={{ justifyContent: 'space-between', flexWrap: 'nowrap' }}>
        {editing ? (
          <form className="row" style={{ flex: 1 }} onSubmit={(e) => {
            e.preventDefault();
            void renameRun(run.id, name);
            setEditing(false);
          }}>
            <label htmlFor={`${id}-name`} className="visually-hidden">New name</label>
            <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} autoFocus data-testid="runs.nameInput" style={{ flex: 1, minWidth: 0 }} />
            <button type="submit">Save</button>
            <button type="button" onClick={() => setEditing(false)}>Cancel</button>
          </form>
        ) : (
          <label className="check" style={{ margin: 0, minWidth: 0 }}>
            <input type="checkbox" checked={overlaid || current} disabled={current} onChange={() => toggleOverlay(run.id)} data-testid="runs.overlay"
              aria-label={`Overlay ${run.name} on the charts`} />
            <span className="run-name" data-testid="runs.name">{run.name}</span>
          </label>
        )}
      </div>
      <span className="small muted">{summary}</span>
      {!editing ? (
        <div className="row small">
          <button type="button" disabled={busy || current} onClick={() => showRun(run.id)} data-testid="runs.show">Show</button>
          <button type="button" onClick={() => {
            setName(run.name);
            setEditing(true);
          }} data-testid="runs.rename">Rename</button>
          {canContinue ? <button type="button" disabled={busy} onClick={() => void resumeSaved(run.id)} data-testid="runs.continue">Continue from step {run.checkpointStep}</button> : null}
          <button type="button" className="danger" disabled={current && busy} data-testid="runs.delete" onClick={() => {
            if (window.confirm(`Delete the run “${run.name}”? This cannot be undone.`)) void deleteRun(run.id);
          }}>Delete</button>
        </div>
      ) : null}
    </li>
  );
}
