/**
 * The ResNet as tfjs variables plus a forward pass built from low-level ops, so frozen
 * filters never get a gradient (tf.layers always computes one). Owns the parameter
 * variables and BN running statistics; training rules live in partition.ts.
 * Imports tfjs-core only (no backend).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ExperimentConfig } from '../config.ts';
import { batchNormEval, batchNormTrain, type BatchStats } from '../ops/batchnorm.ts';
import { conv2dFrozen, conv2dTrainable } from '../ops/conv.ts';
import { initialValues } from './init.ts';
import { effectiveGammaInit, partitionParams, type Partition } from './partition.ts';
import { buildResNetSpec, type ResNetSpec } from './spec.ts';

/** BN running statistics (PyTorch: momentum 0.1, unbiased running variance). */
export interface RunningStats {
  mean: tf.Variable<tf.Rank.R1>;
  variance: tf.Variable<tf.Rank.R1>;
}

/** One BN layer's batch statistics and how many values per channel they summarise. */
export interface LayerBatchStats extends BatchStats {
  count: number;
}

/** Per-BN-layer post-ReLU activations, handed to an optional probe during evaluation. */
export type ReluProbe = (bnLayer: string, activation: tf.Tensor4D) => void;

export interface ResNet {
  spec: ResNetSpec;
  partition: Partition;
  params: Map<string, tf.Variable>;
  running: Map<string, RunningStats>;
  /** Training-mode forward: logits and each BN layer's batch statistics. */
  forwardTrain(x: tf.Tensor4D): { logits: tf.Tensor2D; stats: Map<string, LayerBatchStats> };
  /** Evaluation-mode forward with running statistics. */
  forwardEval(x: tf.Tensor4D, probe?: ReluProbe): tf.Tensor2D;
  dispose(): void;
}

export type ModelConfig = Pick<ExperimentConfig, 'depth' | 'width' | 'mode' | 'k' | 'seed' | 'gammaInit'>;

/** Builds the network with seeded initial values; identical on every backend. */
export function buildResNet(cfg: ModelConfig): ResNet {
  const spec = buildResNetSpec(cfg.depth, cfg.width);
  const partition = partitionParams(spec, cfg);
  const gammaInit = effectiveGammaInit(cfg);
  const params = new Map<string, tf.Variable>();
  const trainConv = new Set<string>();
  for (const role of partition.roles) {
    const p = role.spec;
    // Build from a tensor we dispose at once: tf.variable(init) would keep `init` alive.
    const init = tf.tensor(initialValues(p, cfg.seed, gammaInit), p.shape, 'float32');
    params.set(p.name, tf.variable(init, role.trainable));
    init.dispose();
    if (role.trainable && p.kind === 'conv') trainConv.add(p.name);
  }
  const running = new Map<string, RunningStats>();
  for (const l of spec.bnLayers) {
    running.set(l.name, {
      // tidy frees the initial tensors; the variables keep their own reference to the data.
      mean: tf.tidy(() => tf.variable(tf.zeros([l.channels]), false)),
      variance: tf.tidy(() => tf.variable(tf.ones([l.channels]), false)),
    });
  }
  const P = <R extends tf.Rank>(name: string) => params.get(name) as unknown as tf.Tensor<R>;
  const conv = (x: tf.Tensor4D, name: string, stride: 1 | 2) =>
    trainConv.has(name) ? conv2dTrainable(x, P(name), stride) : conv2dFrozen(x, P(name), stride);

  function forward(
    x: tf.Tensor4D,
    bn: (x: tf.Tensor4D, name: string) => tf.Tensor4D,
    relu: (x: tf.Tensor4D, bnName: string) => tf.Tensor4D,
  ): tf.Tensor2D {
    let h = relu(bn(conv(x, 'stem.conv', 1), 'stem.bn'), 'stem.bn');
    for (const b of spec.blocks) {
      const a = relu(bn(conv(h, `${b.prefix}.conv1`, b.stride), `${b.prefix}.bn1`), `${b.prefix}.bn1`);
      const main = bn(conv(a, `${b.prefix}.conv2`, 1), `${b.prefix}.bn2`);
      const short = b.projection ? bn(conv(h, `${b.prefix}.short.conv`, b.stride), `${b.prefix}.short.bn`) : h;
      h = tf.relu(tf.add(main, short));
    }
    const pooled = tf.mean(h, [1, 2]) as tf.Tensor2D;
    return tf.add(tf.matMul(pooled, P<tf.Rank.R2>('fc.w')), P<tf.Rank.R1>('fc.b'));
  }

  return {
    spec,
    partition,
    params,
    running,
    forwardTrain(x) {
      const stats = new Map<string, LayerBatchStats>();
      const logits = forward(
        x,
        (t, name) => {
          const r = batchNormTrain(t, P(`${name}.gamma`), P(`${name}.beta`));
          stats.set(name, { ...r.stats, count: t.shape[0] * t.shape[1] * t.shape[2] });
          return r.y;
        },
        (t) => tf.relu(t),
      );
      return { logits, stats };
    },
    forwardEval(x, probe) {
      return forward(
        x,
        (t, name) => {
          const r = running.get(name)!;
          return batchNormEval(t, P(`${name}.gamma`), P(`${name}.beta`), r.mean, r.variance);
        },
        (t, name) => {
          const y = tf.relu(t);
          probe?.(name, y);
          return y;
        },
      );
    },
    dispose() {
      for (const v of params.values()) v.dispose();
      for (const r of running.values()) {
        r.mean.dispose();
        r.variance.dispose();
      }
    },
  };
}

/** PyTorch's running-stat update: new = (1−m)·old + m·batch, variance made unbiased. */
export function updateRunningStats(model: ResNet, stats: Map<string, LayerBatchStats>, momentum = 0.1): void {
  tf.tidy(() => {
    for (const [name, s] of stats) {
      const unbias = s.count / Math.max(s.count - 1, 1);
      const r = model.running.get(name)!;
      r.mean.assign(tf.add(tf.mul(r.mean, 1 - momentum), tf.mul(s.mean, momentum)));
      r.variance.assign(tf.add(tf.mul(r.variance, 1 - momentum), tf.mul(s.variance, momentum * unbias)));
    }
  });
}
