/** Which hardware does the work (backend, adapter) and why it was chosen. */
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

export function BackendBadge() {
  const b = useLab(useShallow((s) => ({ status: s.backend.status, info: s.run?.backend ?? s.backend.info, error: s.backend.error })));
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
    </div>
  );
}
