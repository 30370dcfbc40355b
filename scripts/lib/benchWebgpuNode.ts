/**
 * WebGPU in Node for `npm run bench:node -- --webgpu`: the `webgpu` npm package (Dawn, the
 * engine inside Chromium) provides `navigator.gpu`, then tfjs's own WebGPU backend runs on
 * it — the same shaders as in the browser, outside it. The package is optional and not a
 * dependency: it is imported dynamically, and when it is missing the caller gets a message
 * saying how to install it. `navigator.gpu` must exist before tfjs-backend-webgpu is
 * imported (it registers itself only where WebGPU is present).
 */

/** The package version this was written against (its `create` / `globals` exports). */
export const WEBGPU_PACKAGE = 'webgpu@0.6';

export const WEBGPU_MISSING = `the \`webgpu\` package (Dawn for Node) is not installed, so --webgpu cannot run.
  Install it (it is optional and not in package.json):  npm i --no-save ${WEBGPU_PACKAGE}
  It needs a GPU with Vulkan (Linux), Metal (macOS) or D3D12 (Windows) drivers.`;

/** What Dawn's adapter says about itself. */
export interface NodeAdapterInfo {
  vendor: string;
  architecture: string;
  description: string;
  device?: string;
}

/** The little of the WebGPU API used here (scripts are not compiled with @webgpu/types). */
interface NodeGpu {
  requestAdapter(options?: { powerPreference?: string }): Promise<{ info?: Partial<NodeAdapterInfo> } | null>;
}

interface WebGpuPackage {
  create(flags: string[]): NodeGpu;
  globals: Record<string, unknown>;
}

/**
 * Installs Dawn's `navigator.gpu` and WebGPU constants on globalThis and registers tfjs's
 * WebGPU backend. Returns the adapter's info, or a reason it cannot run.
 */
export async function setUpNodeWebGpu(): Promise<{ ok: true; adapter: NodeAdapterInfo } | { ok: false; reason: string }> {
  let pkg: WebGpuPackage;
  try {
    const name = 'webgpu'; // a variable, so bundlers and tsc do not require the module
    pkg = (await import(/* @vite-ignore */ name)) as WebGpuPackage;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return { ok: false, reason: WEBGPU_MISSING };
    return { ok: false, reason: `the \`webgpu\` package failed to load: ${(e as Error).message}` };
  }
  const create = pkg.create ?? (pkg as unknown as { default?: WebGpuPackage }).default?.create;
  const globals = pkg.globals ?? (pkg as unknown as { default?: WebGpuPackage }).default?.globals;
  if (typeof create !== 'function' || !globals) {
    return { ok: false, reason: `the installed \`webgpu\` package has no create()/globals exports; this script expects ${WEBGPU_PACKAGE}` };
  }
  Object.assign(globalThis, globals); // GPUBufferUsage, GPUMapMode, … which tfjs uses
  const gpu = create([]);
  // Node 20 has no navigator; Node 21+ has one without `gpu` (and a read-only getter).
  const nav = (globalThis as { navigator?: object }).navigator;
  if (nav) Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });

  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return { ok: false, reason: 'Dawn found no GPU adapter (no Vulkan/Metal/D3D12 device, or no driver)' };
  const i = adapter.info;
  const info: NodeAdapterInfo = { vendor: i?.vendor ?? '', architecture: i?.architecture ?? '', description: i?.description ?? '', ...(i?.device ? { device: i.device } : {}) };
  await import('@tensorflow/tfjs-backend-webgpu');
  return { ok: true, adapter: info };
}
