/**
 * SGD with momentum in PyTorch's form: v ← μv + g + λp; p ← p − lr·v.
 * Only trainable parameters get a buffer; frozen ones are never touched, so they stay
 * bit-identical. random-k masks select entries with `where`, so a masked entry's update is
 * exactly zero even when its gradient is not finite. Imports tfjs-core only.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ResNet } from '../model/resnet.ts';

/** One optimised tensor. */
interface Slot {
  name: string;
  param: tf.Variable;
  velocity: tf.Variable;
  mask?: tf.Tensor;
  decay: number;
}

export interface SgdOptions {
  momentum: number;
  weightDecay: number;
  /** Whether λ applies to BN γ and β. */
  wdOnBn: boolean;
}

export class Sgd {
  readonly slots: Slot[];
  private readonly momentum: number;

  constructor(model: ResNet, opts: SgdOptions) {
    this.momentum = opts.momentum;
    this.slots = model.partition.roles
      .filter((r) => r.trainable)
      .map((r) => {
        const param = model.params.get(r.spec.name)!;
        const isBn = r.spec.kind === 'gamma' || r.spec.kind === 'beta';
        return {
          name: r.spec.name,
          param,
          velocity: tf.tidy(() => tf.variable(tf.zerosLike(param), false)), // tidy frees the zeros
          mask: r.mask ? tf.tensor(r.mask, r.spec.shape, 'bool') : undefined,
          decay: isBn && !opts.wdOnBn ? 0 : opts.weightDecay,
        };
      });
  }

  /** Trainable variables in slot order, for tf.variableGrads. */
  get variables(): tf.Variable[] {
    return this.slots.map((s) => s.param);
  }

  /** Applies one update. `grads` is keyed by variable name as tf.variableGrads returns it. */
  apply(grads: tf.NamedTensorMap, lr: number): void {
    tf.tidy(() => {
      const lrT = tf.scalar(lr);
      for (const s of this.slots) {
        let g = grads[s.param.name];
        if (!g) throw new Error(`no gradient for ${s.name}`);
        if (s.decay > 0) g = tf.add(g, tf.mul(s.param, s.decay));
        if (s.mask) g = tf.where(s.mask, g, tf.zerosLike(g));
        s.velocity.assign(this.momentum > 0 ? tf.add(tf.mul(s.velocity, this.momentum), g) : g);
        s.param.assign(tf.sub(s.param, tf.mul(lrT, s.velocity)));
      }
    });
  }

  dispose(): void {
    for (const s of this.slots) {
      s.velocity.dispose();
      s.mask?.dispose();
    }
  }
}
