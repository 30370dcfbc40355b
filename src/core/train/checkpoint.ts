/**
 * Checkpoints of a running trainer: read its tensors into the pure format of
 * ../checkpointFormat.ts, and load them back. Imports tfjs-core only.
 */
import * as tf from '@tensorflow/tfjs-core';
import { CheckpointError, CHECKPOINT_VERSION, expectedTensors, type Checkpoint, type StoredTensor } from '../checkpointFormat.ts';
import type { Trainer } from './trainer.ts';

export * from '../checkpointFormat.ts';

function tensorFor(trainer: Trainer, t: Omit<StoredTensor, 'values'>): tf.Variable {
  if (t.group === 'param') return trainer.model.params.get(t.name)!;
  if (t.group === 'velocity') return trainer.opt.slots.find((s) => s.name === t.name)!.velocity;
  const r = trainer.model.running.get(t.name)!;
  return t.group === 'running-mean' ? r.mean : r.variance;
}

export async function captureCheckpoint(trainer: Trainer): Promise<Checkpoint> {
  const tensors = await Promise.all(
    expectedTensors(trainer.config).map(async (t) => ({ ...t, values: (await tensorFor(trainer, t).data()) as Float32Array })),
  );
  return { version: CHECKPOINT_VERSION, config: trainer.config, step: trainer.step, tensors };
}

/** Loads a checkpoint into a trainer built from the same config. */
export function restoreCheckpoint(trainer: Trainer, ckpt: Checkpoint): void {
  if (JSON.stringify(ckpt.config) !== JSON.stringify(trainer.config)) {
    throw new CheckpointError('checkpoint config differs from the trainer it is loaded into');
  }
  tf.tidy(() => {
    for (const t of ckpt.tensors) tensorFor(trainer, t).assign(tf.tensor(t.values, t.shape, 'float32'));
  });
  trainer.step = ckpt.step;
}

