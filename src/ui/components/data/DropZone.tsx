/**
 * Drop `cifar-10-binary.tar.gz` or the six `.bin` files here, or pick them with the file
 * dialog (the keyboard way). Names and sizes are checked before the worker parses anything.
 */
import { useId, useState, type DragEvent } from 'react';
import { useLab } from '../../app/labStore.ts';
import { sourceFromFiles } from '../../data/sources.ts';

export function DropZone({ disabled }: { disabled: boolean }) {
  const id = useId();
  const load = useLab((s) => s.loadData);
  const [over, setOver] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const take = (files: File[]) => {
    const r = sourceFromFiles(files);
    if ('error' in r) return setError(r.error);
    setError(null);
    load(r.source);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (!disabled) take([...e.dataTransfer.files]);
  };
  return (
    <div
      className={`dropzone${over ? ' over' : ''}`}
      data-testid="data.dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p className="small" style={{ margin: '0 0 0.4rem' }}>
        Drop <span className="mono">cifar-10-binary.tar.gz</span> or the six <span className="mono">.bin</span> files here, or
      </p>
      <label htmlFor={id} className="visually-hidden">Choose CIFAR-10 files</label>
      <input id={id} type="file" multiple accept=".gz,.tgz,.bin,.txt" disabled={disabled} data-testid="data.filePicker"
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => {
          take([...(e.target.files ?? [])]);
          e.target.value = '';
        }} />
      {error ? <p className="error small" id={`${id}-err`} role="alert" style={{ color: 'var(--danger)' }}>{error}</p> : null}
    </div>
  );
}
