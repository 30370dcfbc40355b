/**
 * The worker's message handler: maps protocol commands to core calls over an Endpoint, so
 * the same code runs in the real worker (worker.ts) and in unit tests over a MessageChannel.
 * Owns the worker-wide state: the active backend, the loaded CIFAR-10 and the one current
 * run. Commands are handled one at a time in arrival order; a run's training loop runs
 * beside them (a run is started, not awaited).
 * Imports src/core, src/protocol and the worker's own modules; no backend packages.
 */
import { validateConfig } from '../core/config.ts';
import type { CifarDataset } from '../core/data/index.ts';
import { decodeCheckpoint, restoreCheckpoint } from '../core/train/checkpoint.ts';
import type { Endpoint } from '../protocol/endpoint.ts';
import {
  isCommand, PROTOCOL_VERSION, toErrorData, transferablesOf,
  type BenchmarkCommand, type Command, type ErrorEvent, type ImportCheckpointCommand, type StartCommand, type WorkerEvent,
} from '../protocol/messages.ts';
import type { BackendControl, DeviceFault } from './backend.ts';
import { loadCifar, type LoadProgress } from './data.ts';
import { DEFAULT_CHECKPOINTS, RunSession, type RunSettings } from './run.ts';
import { runBenchmark } from './benchmark.ts'; // benchmark block

export interface HandlerOptions {
  backend: BackendControl;
  /** Injected in tests; default: loadCifar (fetch / streams). */
  loadData?: typeof loadCifar;
  now?: () => number;
  /** Overrides for tests (faster read-backs, flush interval). */
  run?: Partial<Pick<RunSettings, 'flushIntervalMs' | 'trainer'>>;
}

/** A command that cannot be carried out; its message names what is missing. */
class CommandError extends Error {
  override name = 'CommandError';
}

/** A run command for a run that is not the current one (a stale page, a race with start). */
class StaleRunError extends CommandError {
  override name = 'StaleRunError';
}

/** Starts serving `endpoint`; returns a function that stops listening and frees the run. */
export function serveTraining(endpoint: Endpoint, opts: HandlerOptions): () => void {
  const backend = opts.backend;
  const now = opts.now ?? (() => performance.now());
  let data: CifarDataset | null = null;
  let session: RunSession | null = null;
  let running: Promise<void> | null = null;
  let hidden = false;
  let queue: Promise<void> = Promise.resolve();

  /** Several events go as one message (an array): the page handles them in one task, one render. */
  const post = (e: WorkerEvent | WorkerEvent[]) =>
    endpoint.postMessage(e, Array.isArray(e) ? e.flatMap(transferablesOf) : transferablesOf(e));
  const postError = (scope: ErrorEvent['scope'], e: unknown, runId?: string) =>
    post({ type: 'error', scope, error: toErrorData(e), ...(runId !== undefined ? { runId } : {}) });

  const drop = () => {
    session?.dispose();
    session = null;
    running = null;
  };

  const offFault = backend.onFault((f: DeviceFault) => {
    const s = session;
    if (s && !s.ended) s.fail('device', { name: f.name, message: f.message }, f.message);
    else postError('device', Object.assign(new Error(f.message), { name: f.name }));
    drop(); // its tensors lived on the lost device
  });

  /** The current run if `runId` names it; otherwise an error scoped to that (stale) run. */
  function runFor(runId: string): RunSession {
    if (!session || session.runId !== runId) throw new StaleRunError(`run ${runId} is not the current run${session ? ` (${session.runId} is)` : ''}`);
    return session;
  }

  async function endCurrentRun(): Promise<void> {
    if (session && running && !session.ended) {
      session.stop();
      await running;
    }
    drop();
  }

  async function ensureBackendFor(mode: StartCommand['config']['mode']): Promise<void> {
    let cur = backend.current;
    if (!cur) {
      // After a device loss: the same choice again, on a fresh device (reported in `started`).
      if (!backend.choice) throw new CommandError('no backend is active: send init first');
      cur = await backend.activate(backend.choice, mode);
    }
    const s = backend.support(cur.name, mode);
    if (s.ok) return;
    if (backend.choice === 'auto') {
      const info = await backend.activate('auto', mode); // reported in `started`
      if (!backend.support(info.name, mode).ok) throw new CommandError(`no backend here can train mode ${mode}`);
      return;
    }
    throw new CommandError(`${cur.name} cannot train mode ${mode}: it has no ${s.missing.join(', ')} kernel (backend=${cur.name} was forced; choose auto or another backend)`);
  }

  function newSession(runId: string, config: StartCommand['config'], c?: Partial<StartCommand>): RunSession {
    return new RunSession(runId, config, data!, post, {
      checkpoints: { ...DEFAULT_CHECKPOINTS, ...c?.checkpoints },
      evalEverySteps: c?.evalEverySteps ?? 0,
      flushIntervalMs: opts.run?.flushIntervalMs ?? 200,
      trainer: { readIntervalMs: 250, ...opts.run?.trainer },
      now,
      hidden,
      settle: () => backend.settle(),
    });
  }

  function checkedConfig(input: unknown): StartCommand['config'] {
    const { config, issues } = validateConfig((input ?? {}) as Record<string, unknown>);
    if (issues.length) throw new CommandError(`invalid config: ${issues.map((i) => i.message).join('; ')}`);
    return config;
  }

  async function start(c: StartCommand): Promise<void> {
    await endCurrentRun();
    if (!data) throw new CommandError('no data: send loadData before start');
    const config = checkedConfig(c.config);
    await ensureBackendFor(config.mode);
    const s = newSession(c.runId, config, c);
    session = s;
    if (c.resume) {
      try {
        const ckpt = decodeCheckpoint(c.resume);
        restoreCheckpoint(s.trainer, ckpt);
        s.lastCheckpointStep = ckpt.step;
      } catch (e) {
        drop();
        postError('checkpoint', e, c.runId);
        return;
      }
    }
    post({
      type: 'started', runId: c.runId, config, totalSteps: s.trainer.totalSteps, stepsPerEpoch: s.trainer.stepsPerEpoch,
      fromStep: s.trainer.step, backend: backend.current!,
    });
    running = s.run()
      .catch((e) => postError('run', e, c.runId))
      .then(() => {
        // A failed run's model is half-updated or on a lost device: free it now.
        if (s.status === 'failed' && session === s) drop();
      });
  }

  async function importCheckpoint(c: ImportCheckpointCommand): Promise<void> {
    await endCurrentRun();
    if (!data) throw new CommandError('no data: send loadData before importCheckpoint (evaluation needs the test set)');
    let ckpt;
    try {
      ckpt = decodeCheckpoint(c.bytes);
    } catch (e) {
      postError('checkpoint', e, c.runId);
      return;
    }
    await ensureBackendFor(ckpt.config.mode);
    const s = newSession(c.runId, ckpt.config);
    session = s;
    restoreCheckpoint(s.trainer, ckpt);
    s.lastCheckpointStep = ckpt.step;
    s.markImported();
    post({ type: 'imported', runId: c.runId, config: ckpt.config, step: ckpt.step });
    await s.evaluate();
  }

  async function loadData(source: Extract<Command, { type: 'loadData' }>['source']): Promise<void> {
    if (session && !session.ended) throw new CommandError('a run is in progress: stop it before loading data');
    let last = -Infinity;
    const onProgress = (p: LoadProgress) => {
      const t = now();
      if (t - last < 100 && p.loadedBytes !== p.totalBytes) return; // ≤ 10 messages/s
      last = t;
      post({ type: 'dataProgress', ...p });
    };
    data = null;
    drop();
    const loaded = await (opts.loadData ?? loadCifar)(source, onProgress);
    data = loaded.dataset;
    post({ type: 'dataReady', trainCount: data.train.count, testCount: data.test.count, description: loaded.description });
  }

  // ─── Benchmark block (issue 6; owned by the benchmark): times the step, see benchmark.ts ───
  /** Times the cases on the active backend with random inputs; needs `init`, not data. */
  async function benchmark(c: BenchmarkCommand): Promise<void> {
    if (session && !session.ended) throw new CommandError('a run is in progress: stop it before benchmarking');
    const cur = backend.current;
    if (!cur) throw new CommandError('no backend is active (the device was lost, or init was not sent): send init to choose one');
    drop(); // a finished run's model would only take memory
    let lastPost = -Infinity;
    let lastPhase = '';
    const results = await runBenchmark(c.cases, c.options, {
      now,
      unsupported: (k) => {
        const s = backend.support(cur.name, k.mode);
        return s.ok ? null : `${cur.name} cannot train mode ${k.mode}: it has no ${s.missing.join(', ')} kernel`;
      },
      onProgress: (p) => {
        const t = now();
        if (t - lastPost < 100 && p.phase === lastPhase) return; // ≤ ~10 messages/s
        lastPost = t;
        lastPhase = p.phase;
        post({ type: 'benchmarkProgress', benchId: c.benchId, ...p });
      },
    });
    post({ type: 'benchmarkResult', benchId: c.benchId, backend: cur, results });
  }
  // ─── end of the benchmark block ───

  async function dispatch(m: Command): Promise<void> {
    switch (m.type) {
      case 'init': {
        if (m.version !== PROTOCOL_VERSION) throw new CommandError(`protocol version ${m.version}; this worker speaks ${PROTOCOL_VERSION} (reload the page)`);
        if (session && !session.ended) throw new CommandError('a run is in progress: stop it before changing the backend');
        drop(); // its tensors live on the old backend
        post({ type: 'ready', version: PROTOCOL_VERSION, backend: await backend.activate(m.backend, m.mode) });
        return;
      }
      case 'loadData': return loadData(m.source);
      case 'start': return start(m);
      case 'importCheckpoint': return importCheckpoint(m);
      case 'pause': return runFor(m.runId).pause();
      case 'resume': return runFor(m.runId).resume();
      case 'stop': return runFor(m.runId).stop();
      case 'evaluate': return runFor(m.runId).evaluate();
      case 'exportCheckpoint': return runFor(m.runId).exportCheckpoint();
      case 'simulateDeviceLoss':
        runFor(m.runId);
        backend.simulateDeviceLoss();
        return;
      case 'visibility':
        hidden = m.hidden;
        session?.setHidden(hidden);
        return;
      case 'benchmark': return benchmark(m); // benchmark block
    }
  }

  const scopeOf = (m: Command): ErrorEvent['scope'] =>
    m.type === 'init' ? 'init' : m.type === 'loadData' ? 'data' : m.type === 'importCheckpoint' ? 'checkpoint' : 'run';

  const onMessage = (ev: MessageEvent) => {
    const m: unknown = ev.data;
    if (!isCommand(m)) {
      postError('protocol', new CommandError(`not a command: ${JSON.stringify(m)?.slice(0, 200)}`));
      return;
    }
    queue = queue.then(() => dispatch(m)).catch((e) => {
      const runId = 'runId' in m ? m.runId : undefined;
      postError(e instanceof StaleRunError ? 'protocol' : scopeOf(m), e, runId);
    });
  };

  endpoint.addEventListener('message', onMessage);
  endpoint.start?.();
  return () => {
    endpoint.removeEventListener('message', onMessage);
    offFault();
    session?.stop();
    drop();
  };
}
