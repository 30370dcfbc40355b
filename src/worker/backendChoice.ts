/**
 * Which backend to try, in which order, and why — as a pure function of what the browser
 * offers (the WebGPU adapter), what each backend can run (kernel support per mode) and what
 * the user asked for. The words it returns are shown to the user as they are.
 *
 * Auto order (issue 4): WebGPU on a real GPU adapter; when the only adapter is a software
 * one (SwiftShader, a fallback adapter) or there is none, wasm when it can run the mode
 * (measured here ~20x faster than emulated WebGPU), then WebGL, then cpu.
 * Imports only protocol types: no tfjs, no navigator.
 */
import type { AdapterInfo, BackendChoice, BackendName, FreezeMode } from '../protocol/messages.ts';

/** What the browser said about WebGPU. */
export interface AdapterProbe {
  /** The adapter's info, or null when there is no adapter. */
  adapter: AdapterInfo | null;
  /** True for SwiftShader / fallback adapters: WebGPU emulated on the CPU. */
  software: boolean;
  /** Why there is no adapter, e.g. "navigator.gpu is missing (WebGPU not enabled)". */
  note?: string;
}

/** Whether a backend can run a mode's training step; `missing` names absent kernels. */
export interface ModeSupport {
  ok: boolean;
  missing: string[];
}

export type SupportFn = (backend: BackendName, mode: FreezeMode) => ModeSupport;

/** Backends to try in order, with the sentence that explains the first. */
export interface BackendPlan {
  candidates: BackendName[];
  reason: string;
  warning?: string;
  forced: boolean;
}

/** True when the adapter is an emulation on the CPU rather than a GPU. */
export function isSoftwareAdapter(info: AdapterInfo & { isFallbackAdapter?: boolean }, isFallback = false): boolean {
  const text = `${info.vendor} ${info.architecture} ${info.description}`.toLowerCase();
  return isFallback || info.isFallbackAdapter === true || /swiftshader|llvmpipe|lavapipe|software|microsoft basic render/.test(text);
}

/** "google swiftshader" style label of an adapter. */
export function adapterLabel(a: AdapterInfo | null): string {
  if (!a) return 'no adapter';
  return [a.vendor, a.architecture, a.description].filter((s) => s).join(' ') || 'an adapter that gives no details';
}

function whyNot(backend: BackendName, mode: FreezeMode, s: ModeSupport): string {
  return `${backend} cannot train mode ${mode} (no ${s.missing.join(', ')} kernel${s.missing.length > 1 ? 's' : ''})`;
}

/** The plan for `choice`; `available` lists the backends registered in this worker. */
export function planBackend(
  choice: BackendChoice,
  mode: FreezeMode,
  probe: AdapterProbe,
  support: SupportFn,
  available: readonly BackendName[],
): BackendPlan {
  const has = (b: BackendName) => available.includes(b);
  const gpuWords = probe.adapter
    ? `the only WebGPU adapter is software (${adapterLabel(probe.adapter)})`
    : `there is no WebGPU adapter${probe.note ? ` (${probe.note})` : ''}`;
  if (choice !== 'auto') {
    const s = support(choice, mode);
    const notes: string[] = [];
    if (!has(choice)) notes.push(`${choice} is not available in this browser`);
    if (!s.ok) notes.push(whyNot(choice, mode, s));
    if (choice === 'webgpu' && probe.software) notes.push(`WebGPU is emulated on the CPU here (${adapterLabel(probe.adapter)}): expect it to be about 20x slower than wasm`);
    if (choice === 'webgpu' && !probe.adapter) notes.push(gpuWords);
    if (choice === 'cpu') notes.push('the plain JavaScript cpu backend is the slowest of all');
    return { candidates: [choice], reason: `forced by the setting backend=${choice}`, forced: true, ...(notes.length ? { warning: notes.join('; ') } : {}) };
  }
  if (probe.adapter && !probe.software && has('webgpu')) {
    const s = support('webgpu', mode);
    if (s.ok) return { candidates: ['webgpu', 'wasm', 'webgl', 'cpu'].filter((b) => has(b as BackendName)) as BackendName[], reason: `WebGPU on a GPU (${adapterLabel(probe.adapter)})`, forced: false };
  }
  const rest: BackendName[] = [];
  const skipped: string[] = [];
  for (const b of ['wasm', 'webgl', 'cpu'] as const) {
    if (!has(b)) continue;
    const s = support(b, mode);
    if (s.ok) rest.push(b);
    else skipped.push(whyNot(b, mode, s));
  }
  if (rest.length === 0) return { candidates: [], reason: `no backend can train mode ${mode}: ${skipped.join('; ')}`, forced: false };
  const first = rest[0];
  const speed = first === 'wasm'
    ? 'wasm is the fastest CPU path (~20x faster than emulated WebGPU)'
    : first === 'webgl' ? 'WebGL is next in line' : 'cpu is the last resort';
  const because = [gpuWords, ...skipped].join('; ');
  return { candidates: rest, reason: `${because}; ${speed} and can train mode ${mode}`, forced: false };
}
