/**
 * CIFAR-10 for the worker: what is loaded (served by `npm run data`, a dropped or picked file,
 * a URL), byte-level progress while loading, errors in words, and the browser storage used.
 */
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../app/labStore.ts';
import { explainFetchError } from '../../data/sources.ts';
import { formatBytes, formatCount } from '../../lib/format.ts';
import { isActive } from '../../store/runSlice.ts';
import { CacheStatus } from './CacheStatus.tsx';
import { DropZone } from './DropZone.tsx';
import { UrlLoader } from './UrlLoader.tsx';

export function DataPanel() {
  const d = useLab(useShallow((s) => ({ data: s.data, url: s.dataSource?.kind === 'url' ? s.dataSource.url : null, busy: isActive(s.run), hidden: s.embed && s.hide.includes('data') })));
  if (d.hidden) return null;
  const { data } = d;
  const frac = data.totalBytes ? data.loadedBytes / data.totalBytes : null;
  const status =
    data.status === 'ready' ? `CIFAR-10 ready: ${formatCount(data.trainCount)} training and ${formatCount(data.testCount)} test images (${data.description}).`
      : data.status === 'loading' ? `Loading ${data.sourceLabel}${data.file ? ` — ${data.file}` : ''}: ${formatBytes(data.loadedBytes)}${data.totalBytes ? ` of ${formatBytes(data.totalBytes)}` : ''}`
        : data.status === 'error' ? `Could not load ${data.sourceLabel}: ${explainFetchError(data.error?.message ?? 'unknown error', d.url)}`
          : 'No data loaded. Run `npm run data` to prepare CIFAR-10 for this page, or give the official files below.';
  return (
    <section className="panel" aria-labelledby="data-h" data-testid="panel.data">
      <h2 id="data-h">Data</h2>
      <p data-testid="data.status" data-status={data.status} role={data.status === 'error' ? 'alert' : 'status'} className={data.status === 'error' ? 'banner error' : 'small'}>
        {status}
      </p>
      {data.status === 'loading' ? (
        <div className={`progress${frac === null ? ' indeterminate' : ''}`} role="progressbar" data-testid="data.progress" aria-label="Data download"
          aria-valuemin={0} aria-valuemax={data.totalBytes ?? 1} aria-valuenow={data.totalBytes ? data.loadedBytes : undefined}>
          <div style={{ width: `${((frac ?? 0) * 100).toFixed(1)}%` }} />
        </div>
      ) : null}
      <details open={data.status !== 'ready' && data.status !== 'loading'}>
        <summary>Use other CIFAR-10 files</summary>
        <DropZone disabled={d.busy || data.status === 'loading'} />
        <UrlLoader disabled={d.busy || data.status === 'loading'} />
      </details>
      <CacheStatus />
    </section>
  );
}
