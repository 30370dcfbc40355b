/**
 * Backend control for the worker: loads the backend packages it is given, asks the
 * browser for a WebGPU adapter, chooses (backendChoice.ts), activates with a checked
 * `tf.setBackend` (a silent switch is a bug: the result and `tf.getBackend()` must agree),
 * and watches the WebGPU device (`device.lost`, uncaptured errors) so the handler can end
 * a run visibly. After a loss the WebGPU backend is re-registered on the next activation.
 *
 * The backend packages come in as loaders (worker.ts passes the browser ones, unit tests
 * pass cpu only), so this file imports none of them eagerly except WebGPU's class on use.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AdapterInfo, BackendChoice, BackendInfo, BackendName, FreezeMode } from '../protocol/messages.ts';
import { isSoftwareAdapter, planBackend, type AdapterProbe, type ModeSupport } from './backendChoice.ts';
import { assertGradientsRegistered } from '../core/train/step.ts';
import { modeSupport, profileModeKernels, type ModeKernels } from './modeKernels.ts';

/** Registers a backend's kernels and factory (an `import(...)` of its package). */
export type BackendLoaders = Partial<Record<BackendName, () => Promise<unknown>>>;

/** Why a run must end: the device is gone or reported an error. */
export interface DeviceFault {
  name: 'DeviceLostError' | 'GPUError';
  message: string;
}

export interface BackendControl {
  /** Chooses and activates a backend for `mode`; throws when none starts (never switches silently). */
  activate(choice: BackendChoice, mode: FreezeMode): Promise<BackendInfo>;
  /** The active backend's info, null before `activate` or after a device loss. */
  readonly current: BackendInfo | null;
  /** The last choice passed to `activate`. */
  readonly choice: BackendChoice | null;
  /** Whether `backend` can train `mode` (from the kernels a step runs). */
  support(backend: BackendName, mode: FreezeMode): ModeSupport;
  /** Called once per fault of the active device. Returns an unsubscribe function. */
  onFault(listener: (f: DeviceFault) => void): () => void;
  /** Test hook: destroys the WebGPU device (a real loss), or reports a simulated one on other backends. */
  simulateDeviceLoss(): void;
  /**
   * Resolves once a pending device loss has been reported (or shortly, when there is none).
   * A step on a lost device can fail (mapAsync rejects) before `device.lost` resolves; the
   * handler waits on this so such a run ends as a device loss, not as a step error.
   */
  settle(): Promise<void>;
}

type GpuAdapterWithInfo = GPUAdapter & { info?: GPUAdapterInfo & { isFallbackAdapter?: boolean }; isFallbackAdapter?: boolean };

function gpu(): GPU | undefined {
  return (globalThis.navigator as (Navigator & { gpu?: GPU }) | undefined)?.gpu;
}

async function probeAdapter(): Promise<{ probe: AdapterProbe; adapter: GpuAdapterWithInfo | null }> {
  const g = gpu();
  if (!g) return { probe: { adapter: null, software: false, note: 'navigator.gpu is missing: WebGPU is not enabled in this browser' }, adapter: null };
  let adapter: GpuAdapterWithInfo | null;
  try {
    adapter = (await g.requestAdapter({ powerPreference: 'high-performance' })) as GpuAdapterWithInfo | null;
  } catch (e) {
    return { probe: { adapter: null, software: false, note: `requestAdapter failed: ${(e as Error).message}` }, adapter: null };
  }
  if (!adapter) return { probe: { adapter: null, software: false, note: 'requestAdapter returned no adapter' }, adapter: null };
  const i = adapter.info;
  const info: AdapterInfo = { vendor: i?.vendor ?? '', architecture: i?.architecture ?? '', description: i?.description ?? '' };
  return { probe: { adapter: info, software: isSoftwareAdapter(info, adapter.isFallbackAdapter === true || i?.isFallbackAdapter === true) }, adapter };
}

/** tfjs's own device request (features and limits as in tfjs-backend-webgpu's base.ts). */
async function requestDevice(adapter: GPUAdapter): Promise<GPUDevice> {
  const requiredFeatures: GPUFeatureName[] = [];
  if (adapter.features.has('timestamp-query')) requiredFeatures.push('timestamp-query');
  const l = adapter.limits;
  return adapter.requestDevice({
    requiredFeatures,
    requiredLimits: {
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
      maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
    },
  });
}

export interface BackendControlOptions {
  loaders: BackendLoaders;
  /** wasm: reports the thread count once active. */
  wasmThreads?: () => number;
}

export function createBackendControl(opts: BackendControlOptions): BackendControl {
  let kernels: ModeKernels | null = null;
  let available: BackendName[] = [];
  let current: BackendInfo | null = null;
  let choice: BackendChoice | null = null;
  let device: GPUDevice | null = null;
  let simulated = false;
  let webgpuDead = false; // the registered webgpu backend's device is gone
  const listeners = new Set<(f: DeviceFault) => void>();

  const fault = (f: DeviceFault, dev: GPUDevice) => {
    if (dev !== device) return; // an old device, already handled
    device = null;
    webgpuDead = true;
    current = null;
    for (const l of [...listeners]) l(f);
  };

  async function loadAll(): Promise<void> {
    if (kernels) return;
    assertGradientsRegistered();
    const names = (Object.keys(opts.loaders) as BackendName[]).filter((b) => b !== 'webgpu' || gpu());
    for (const b of names) await opts.loaders[b]!();
    available = names.filter((b) => tf.findBackendFactory(b) != null);
    kernels = await profileModeKernels();
  }

  /** Registers our own webgpu factory so we own the device and can watch it. */
  async function registerWebGpu(adapter: GPUAdapter | null): Promise<void> {
    const { WebGPUBackend } = await import('@tensorflow/tfjs-backend-webgpu');
    if (tf.findBackendFactory('webgpu')) {
      try {
        tf.removeBackend('webgpu');
      } catch {
        // disposing a backend whose device is lost may throw; it is being replaced anyway
      }
    }
    tf.registerBackend('webgpu', async () => {
      const a = adapter ?? (await gpu()!.requestAdapter({ powerPreference: 'high-performance' }));
      adapter = null; // an adapter gives one device; a later factory call asks afresh
      if (!a) throw new Error('requestAdapter returned no adapter');
      const dev = await requestDevice(a);
      device = dev;
      simulated = false;
      dev.lost.then((info) => {
        const why = simulated ? 'destroyed by the test hook' : info.reason === 'destroyed' ? 'destroyed' : `${info.reason || 'unknown reason'}`;
        fault({ name: 'DeviceLostError', message: `WebGPU device lost (${why})${info.message ? `: ${info.message}` : ''}` }, dev);
      });
      dev.addEventListener('uncapturederror', (ev) => {
        const e = (ev as GPUUncapturedErrorEvent).error;
        fault({ name: 'GPUError', message: `WebGPU error (${e.constructor?.name ?? 'GPUError'}): ${e.message}` }, dev);
      });
      return new WebGPUBackend(dev, (a as GpuAdapterWithInfo).info);
    }, 3);
    webgpuDead = false;
  }

  async function trySet(name: BackendName): Promise<string | null> {
    try {
      const ok = await tf.setBackend(name);
      const active = tf.getBackend();
      if (!ok) return `${name} failed to start`;
      if (active !== name) return `asked for ${name} but tfjs is on ${active}`;
      await tf.ready();
      return null;
    } catch (e) {
      return `${name} failed to start: ${(e as Error).message}`;
    }
  }

  return {
    get current() {
      return current;
    },
    get choice() {
      return choice;
    },
    support(backend, mode) {
      if (!kernels) throw new Error('backend control used before activate()');
      return modeSupport(kernels, backend, mode);
    },
    async activate(ch, mode) {
      await loadAll();
      choice = ch;
      const { probe, adapter } = available.includes('webgpu')
        ? await probeAdapter()
        : { probe: { adapter: null, software: false, note: gpu() ? 'the WebGPU backend is not loaded' : 'navigator.gpu is missing: WebGPU is not enabled in this browser' }, adapter: null };
      const plan = planBackend(ch, mode, probe, (b, m) => modeSupport(kernels!, b, m), available);
      if (plan.candidates.length === 0) throw new Error(plan.reason);
      const failures: string[] = [];
      for (const name of plan.candidates) {
        if (name === 'webgpu' && (webgpuDead || !device)) await registerWebGpu(adapter as GPUAdapter | null);
        const err = await trySet(name);
        if (err) {
          failures.push(err);
          if (plan.forced) throw new Error(`${err} (backend=${name} was forced, so nothing else was tried)`);
          continue;
        }
        // wasm and cpu run on the CPU by definition; WebGL follows the GPU adapter (SwiftShader serves both here).
        const software = name === 'webgpu' || name === 'webgl' ? probe.software : true;
        const reason = failures.length ? `${plan.reason}; but ${failures.join('; ')}, so ${name}` : plan.reason;
        current = {
          name,
          adapter: probe.adapter,
          software,
          reason,
          forced: plan.forced,
          ...(plan.warning ? { warning: plan.warning } : {}),
          ...(name === 'wasm' && opts.wasmThreads ? { threads: opts.wasmThreads() } : {}),
        };
        return current;
      }
      throw new Error(`no backend started: ${failures.join('; ')}`);
    },
    onFault(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async settle() {
      const dev = device;
      if (!dev) return;
      await Promise.race([dev.lost, new Promise((r) => setTimeout(r, 250))]);
      await Promise.resolve(); // let the lost handler's fault reach the listeners
    },
    simulateDeviceLoss() {
      if (current?.name === 'webgpu' && device) {
        simulated = true;
        device.destroy(); // the real path: device.lost resolves with reason 'destroyed'
        return;
      }
      const info = current;
      current = null;
      for (const l of [...listeners]) l({ name: 'DeviceLostError', message: `device lost on ${info?.name ?? 'no backend'} (simulated by the test hook)` });
    },
  };
}

