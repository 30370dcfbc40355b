/**
 * Evaluation over the test subset with running statistics: loss, accuracy, confusion
 * matrix, predictions, the dead-ReLU fraction on the first batch, and the BN summary.
 * Reads back once per batch with `await data()`. Imports tfjs-core only.
 */
import * as tf from '@tensorflow/tfjs-core';
import { fillBatch, labelsFor } from '../data/batches.ts';
import type { CifarSplit } from '../data/cifarRecords.ts';
import type { ResNet } from '../model/resnet.ts';
import { deadFraction, summariseBn, type BnLayerValues, type BnSummary } from './bnMetrics.ts';
import { evalBatch } from './step.ts';

/** Images per evaluation batch; the last batch is zero-padded and the padding ignored. */
export const EVAL_BATCH = 200;

export interface Normalisation {
  mean: [number, number, number];
  std: [number, number, number];
}

/** Test-set results. `predictions[i]` is the class predicted for the i-th subset image. */
export interface EvalResult {
  loss: number;
  accuracy: number;
  /** Row = true class, column = predicted, counts. 100 entries, row-major. */
  confusion: number[];
  predictions: Uint8Array;
  /** Dead-ReLU fraction over ReLU-fed BN layers on the first batch, and per layer. */
  deadRelu: { overall: number; perLayer: { name: string; fraction: number }[] };
}

export async function evaluate(model: ResNet, test: CifarSplit, indices: Uint32Array, norm: Normalisation): Promise<EvalResult> {
  const n = indices.length;
  const xBuf = new Float32Array(EVAL_BATCH * 32 * 32 * 3);
  const yBuf = new Int32Array(EVAL_BATCH);
  const predictions = new Uint8Array(n);
  const confusion = new Array<number>(100).fill(0);
  let lossSum = 0;
  let correct = 0;
  const dead: { name: string; fraction: number; channels: number }[] = [];
  for (let start = 0; start < n; start += EVAL_BATCH) {
    const valid = Math.min(EVAL_BATCH, n - start);
    const idx = indices.subarray(start, start + valid);
    xBuf.fill(0);
    yBuf.fill(0);
    fillBatch(test, idx, xBuf, { augment: false, mean: norm.mean, std: norm.std });
    labelsFor(test, idx, yBuf);
    const maxes = new Map<string, tf.Tensor>();
    const x = tf.tensor4d(xBuf, [EVAL_BATCH, 32, 32, 3]);
    const y = tf.tensor1d(yBuf, 'int32');
    try {
      const probe = start === 0
        ? (name: string, a: tf.Tensor4D) => {
            const rows = valid < EVAL_BATCH ? tf.slice(a, [0, 0, 0, 0], [valid, -1, -1, -1]) : a;
            maxes.set(name, tf.keep(tf.max(rows, [0, 1, 2])));
          }
        : undefined;
      const out = evalBatch(model, x, y, valid, probe);
      const [l, p] = await Promise.all([out.lossSum.data(), out.predictions.data()]);
      tf.dispose([out.lossSum, out.predictions]);
      lossSum += l[0];
      for (let i = 0; i < valid; i++) {
        const pred = p[i];
        const truth = test.labels[idx[i]];
        predictions[start + i] = pred;
        confusion[truth * 10 + pred]++;
        if (pred === truth) correct++;
      }
      for (const [name, m] of maxes) {
        const v = (await m.data()) as Float32Array;
        dead.push({ name, fraction: deadFraction(v), channels: v.length });
      }
    } finally {
      tf.dispose([x, y, ...maxes.values()]);
    }
  }
  const channels = dead.reduce((a, d) => a + d.channels, 0);
  return {
    loss: lossSum / n,
    accuracy: correct / n,
    confusion,
    predictions,
    deadRelu: {
      overall: channels ? dead.reduce((a, d) => a + d.fraction * d.channels, 0) / channels : 0,
      perLayer: dead.map(({ name, fraction }) => ({ name, fraction })),
    },
  };
}

/** Reads every BN layer's γ and β (small: 1,120 numbers for ResNet-14). */
export async function readBnValues(model: ResNet): Promise<BnLayerValues[]> {
  return Promise.all(
    model.spec.bnLayers.map(async (l) => ({
      name: l.name,
      gamma: (await model.params.get(`${l.name}.gamma`)!.data()) as Float32Array,
      beta: (await model.params.get(`${l.name}.beta`)!.data()) as Float32Array,
    })),
  );
}

export async function bnSummary(model: ResNet): Promise<BnSummary> {
  return summariseBn(await readBnValues(model));
}
