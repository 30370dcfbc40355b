/**
 * Download the current run's checkpoint, or import one (validated before anything changes:
 * a wrong or hostile file gets a clear error and leaves the screen as it was).
 */
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../app/labStore.ts';
import { runFileStem } from '../../lib/exportMetrics.ts';
import { MAX_CHECKPOINT_BYTES } from '../../lib/checkpointFile.ts';
import { isActive } from '../../store/runSlice.ts';
import { download } from './download.ts';

export function CheckpointButtons({ onMessage }: { onMessage: (m: string | null) => void }) {
  const id = useId();
  const s = useLab(useShallow((st) => ({
    run: st.run, busy: isActive(st.run), canSave: !!st.run && (isActive(st.run) ? st.activeRunId !== null : st.run.checkpointStep !== null),
    requestCheckpoint: st.requestCheckpoint, importModel: st.importModel,
  })));
  return (
    <div className="row" style={{ marginTop: '0.6rem' }}>
      <button type="button" data-testid="checkpoint.download" disabled={!s.canSave} onClick={async () => {
        try {
          const bytes = await s.requestCheckpoint();
          download(`${runFileStem(s.run!)}.bnckpt`, bytes as Uint8Array<ArrayBuffer>, 'application/octet-stream');
          onMessage(`Saved a checkpoint (${bytes.length.toLocaleString('en-US')} bytes).`);
        } catch (e) {
          onMessage(`No checkpoint: ${(e as Error).message}`);
        }
      }}>Download checkpoint</button>
      <label htmlFor={id} className="small">Import checkpoint:</label>
      <input id={id} type="file" accept=".bnckpt,application/octet-stream" disabled={s.busy} data-testid="checkpoint.import"
        onChange={async (e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (!f) return;
          if (f.size > MAX_CHECKPOINT_BYTES) return onMessage(`${f.name} is too large to be a checkpoint.`);
          onMessage(null);
          s.importModel(new Uint8Array(await f.arrayBuffer()), f.name);
        }} />
    </div>
  );
}
