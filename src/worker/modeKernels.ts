/**
 * "Can this backend train this mode?" answered from the kernels a training step really
 * runs, not from a hand-kept list: one tiny step per mode is profiled on the cpu backend
 * (which has every kernel), and a backend can run the mode when each of those kernels is
 * registered for it. When the conv ops change (e.g. filter gradients as forward convs),
 * the answer follows by itself.
 *
 * The probe step's input is all zeros: it exercises kernels, it is not training data.
 * Imports tfjs-core and src/core; the caller must have the cpu backend registered.
 */
import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_CONFIG, FREEZE_MODES, type ExperimentConfig, type FreezeMode } from '../core/config.ts';
import { buildResNet } from '../core/model/resnet.ts';
import { Sgd } from '../core/train/sgd.ts';
import { evalBatch, StepAccumulator, trainStep } from '../core/train/step.ts';
import type { BackendName } from '../protocol/messages.ts';
import type { ModeSupport } from './backendChoice.ts';

/** Kernel names one training step + one evaluation batch of `mode` runs. */
async function profileMode(mode: FreezeMode): Promise<string[]> {
  const cfg: ExperimentConfig = { ...DEFAULT_CONFIG, depth: 8, width: 2, mode, batchSize: 2, trainSize: 10, testSize: 10 };
  const model = buildResNet(cfg);
  const opt = new Sgd(model, cfg);
  const acc = new StepAccumulator();
  try {
    const info = await tf.profile(() => {
      tf.tidy(() => {
        const x = tf.zeros([2, 32, 32, 3]) as tf.Tensor4D;
        const y = tf.zeros([2], 'int32') as tf.Tensor1D;
        trainStep(model, opt, x, y, 0.1, acc);
        const e = evalBatch(model, x, y, 2);
        tf.dispose([e.lossSum, e.predictions]);
      });
    });
    // Named scopes (customGrad, op wrappers) are recorded too; keep the real kernels.
    return [...new Set(info.kernelNames)].filter((k) => tf.getKernel(k, 'cpu')).sort();
  } finally {
    acc.dispose();
    opt.dispose();
    model.dispose();
  }
}

/** Kernels per mode, profiled once on the cpu backend. */
export type ModeKernels = Record<FreezeMode, string[]>;

/** Profiles every mode on cpu and restores the previous backend. */
export async function profileModeKernels(): Promise<ModeKernels> {
  const previous = tf.getBackend();
  if (!(await tf.setBackend('cpu')) || tf.getBackend() !== 'cpu') throw new Error('the cpu backend is needed to list kernels but did not start');
  try {
    const out = {} as ModeKernels;
    for (const mode of FREEZE_MODES) out[mode] = await profileMode(mode);
    return out;
  } finally {
    if (previous && previous !== 'cpu') await tf.setBackend(previous);
  }
}

/** The one answer to "can `backend` train `mode`", from the profiled kernels. */
export function modeSupport(kernels: ModeKernels, backend: BackendName, mode: FreezeMode): ModeSupport {
  const missing = kernels[mode].filter((k) => !tf.getKernel(k, backend));
  return { ok: missing.length === 0, missing };
}
