/** Which hardware does the work (backend, adapter) and why it was chosen. */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { BackendInfo } from '../../../protocol/messages.ts';
import { useLab } from '../../app/labStore.ts';

/** What does the work: the GPU adapter for WebGPU, else the CPU (the adapter probed is not used). */
function adapterText(info: BackendInfo): string {
  if (info.name === 'webgpu') {
    const a = info.adapter;
    const name = a ? [a.vendor, a.architecture, a.description].filter(Boolean).join(' ') : 'unknown adapter';
    return info.software ? `${name}, emulated on the CPU` : name;
  }
  if (info.name === 'wasm') return `CPU, WebAssembly${info.threads ? `, ${info.threads} thread${info.threads > 1 ? 's' : ''}` : ''}`;
  if (info.name === 'cpu') return 'CPU, plain JavaScript';
  return 'GPU through WebGL';
}

/** After this long without `ready`, the badge says the backend is slow to answer. */
const SLOW_INIT_MS = 20_000;

export function BackendBadge() {
  const b = useLab(useShallow((s) => ({ status: s.backend.status, requested: s.backend.requested, info: s.run?.backend ?? s.backend.info, error: s.backend.error })));
  const [slow, setSlow] = useState<object | null>(null);
  useEffect(() => {
    if (b.status !== 'initialising') return;
    const request = b.requested;
    const t = setTimeout(() => setSlow(request), SLOW_INIT_MS);
    return () => clearTimeout(t);
  }, [b.status, b.requested]);
  const stuck = b.status === 'initialising' && slow === b.requested;
  const text = b.status === 'error'
    ? `Backend failed: ${b.error?.message ?? ''}`
    : b.info
      ? `${b.info.name}${adapterText(b.info) ? ` · ${adapterText(b.info)}` : ''}`
      : b.status === 'initialising' ? 'Choosing a backend…' : 'No backend yet';
  return (
    <div className="row" style={{ gap: '0.4rem' }}>
      <span className={`badge ${b.status}`} data-testid="backend.badge" data-backend={b.info?.name ?? ''} title={b.info?.reason}>
        <span className="dot" aria-hidden="true" />
        {text}
      </span>
      {b.info ? <span className="small muted" data-testid="backend.reason">{b.info.reason}</span> : null}
      {b.info?.warning ? <span className="small warning" data-testid="backend.warning">{b.info.warning}</span> : null}
      {stuck ? (
        <span className="small warning" role="alert" data-testid="backend.slow">
          The {b.requested?.choice} backend has not answered for {SLOW_INIT_MS / 1000} s. Choose another backend in the form, then reload the page.
        </span>
      ) : null}
    </div>
  );
}
