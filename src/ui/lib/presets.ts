/**
 * Presets: the paper's recipe (160 epochs on all of CIFAR-10) and classroom runs that finish
 * in minutes on a subset. A preset sets only the fields it names; depth/mode stay the user's
 * unless the preset is about them. Pure.
 */
import type { ExperimentConfig } from '../../core/config.ts';

export interface Preset {
  id: string;
  label: string;
  /** What it is for, one line. */
  note: string;
  values: Partial<ExperimentConfig>;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'paper',
    label: 'Paper recipe (160 epochs)',
    note: 'All 50,000 images, SGD 0.1 ×0.1 at epochs 80 and 120, batch 128, weight decay 1e-4.',
    values: {
      epochs: 160, batchSize: 128, lr: 0.1, momentum: 0.9, weightDecay: 1e-4, wdOnBn: true, schedule: 'step',
      warmupEpochs: 0, trainSize: 50000, testSize: 10000, augment: true, gammaInit: 'uniform',
    },
  },
  {
    id: 'classroom',
    label: 'Classroom: ResNet-14, 5,000 images',
    note: 'A few minutes: enough to see BN-only learn and γ spread out.',
    values: { depth: 14, width: 16, epochs: 4, batchSize: 64, lr: 0.1, schedule: 'cosine', warmupEpochs: 0, trainSize: 5000, testSize: 1000 },
  },
  {
    id: 'tiny',
    label: 'Classroom: tiny ResNet-8',
    note: 'ResNet-8 at width 8 on 2,000 images: the fastest way to watch every chart fill.',
    values: { depth: 8, width: 8, epochs: 3, batchSize: 50, lr: 0.1, schedule: 'cosine', warmupEpochs: 0, trainSize: 2000, testSize: 500 },
  },
];

/** True when every field the preset sets has its value in `config`. */
export function presetMatches(p: Preset, config: ExperimentConfig): boolean {
  return (Object.keys(p.values) as (keyof ExperimentConfig)[]).every((k) => config[k] === p.values[k]);
}
