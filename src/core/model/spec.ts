/**
 * The CIFAR ResNet of paper.md as plain data: every parameter's name, kind and shape, the
 * BN layers, and the block wiring. Counting parameters and MACs needs no tensors, so the UI
 * can show costs before anything is built. Imports only config helpers.
 */
import { blocksPerStage } from '../config.ts';

/** What a parameter is; decides which modes train it. */
export type ParamKind = 'conv' | 'gamma' | 'beta' | 'dense-w' | 'dense-b';

/** One parameter tensor. Conv shapes are HWIO, dense [in, out]. */
export interface ParamSpec {
  name: string;
  kind: ParamKind;
  shape: number[];
  /** Inputs feeding one output unit (kh·kw·cin for conv, in for dense). */
  fanIn: number;
  size: number;
}

/** One BatchNorm layer, named like its γ/β without the suffix (`s2.b0.bn1`). */
export interface BnLayerSpec {
  name: string;
  channels: number;
  /** Stem BN and each block's bn1 feed a ReLU directly; bn2 and shortcut BNs hit the sum first. */
  feedsRelu: boolean;
}

/** One basic block (post-activation, ResNet v1). */
export interface BlockSpec {
  prefix: string;
  cin: number;
  cout: number;
  stride: 1 | 2;
  /** 1×1 stride-2 conv + BN where the shape changes, else identity. */
  projection: boolean;
  /** Output spatial size. */
  size: number;
}

export interface ResNetSpec {
  depth: number;
  width: number;
  /** Blocks per stage. */
  n: number;
  params: ParamSpec[];
  bnLayers: BnLayerSpec[];
  blocks: BlockSpec[];
}

/** Parameter counts by kind; `conv` counts conv weights, `output` the dense layer. */
export interface ParamCounts {
  total: number;
  bn: number;
  conv: number;
  output: number;
}

export function buildResNetSpec(depth: number, width: number): ResNetSpec {
  const n = blocksPerStage(depth);
  if (n === null) throw new Error(`depth ${depth} is not of the form 6N+2`);
  if (!Number.isInteger(width) || width < 1) throw new Error(`width ${width} must be a positive integer`);
  const params: ParamSpec[] = [];
  const bnLayers: BnLayerSpec[] = [];
  const blocks: BlockSpec[] = [];
  const conv = (name: string, k: number, cin: number, cout: number) =>
    params.push({ name, kind: 'conv', shape: [k, k, cin, cout], fanIn: k * k * cin, size: k * k * cin * cout });
  const bn = (name: string, c: number, feedsRelu: boolean) => {
    bnLayers.push({ name, channels: c, feedsRelu });
    params.push({ name: `${name}.gamma`, kind: 'gamma', shape: [c], fanIn: 1, size: c });
    params.push({ name: `${name}.beta`, kind: 'beta', shape: [c], fanIn: 1, size: c });
  };
  conv('stem.conv', 3, 3, width);
  bn('stem.bn', width, true);
  let cin = width;
  let size = 32;
  for (let s = 0; s < 3; s++) {
    const cout = width * 2 ** s;
    for (let b = 0; b < n; b++) {
      const stride: 1 | 2 = s > 0 && b === 0 ? 2 : 1;
      if (stride === 2) size /= 2;
      const prefix = `s${s + 1}.b${b}`;
      const projection = stride !== 1 || cin !== cout;
      blocks.push({ prefix, cin, cout, stride, projection, size });
      conv(`${prefix}.conv1`, 3, cin, cout);
      bn(`${prefix}.bn1`, cout, true);
      conv(`${prefix}.conv2`, 3, cout, cout);
      bn(`${prefix}.bn2`, cout, false);
      if (projection) {
        conv(`${prefix}.short.conv`, 1, cin, cout);
        bn(`${prefix}.short.bn`, cout, false);
      }
      cin = cout;
    }
  }
  params.push({ name: 'fc.w', kind: 'dense-w', shape: [cin, 10], fanIn: cin, size: cin * 10 });
  params.push({ name: 'fc.b', kind: 'dense-b', shape: [10], fanIn: cin, size: 10 });
  return { depth, width, n, params, bnLayers, blocks };
}

export function countParams(spec: ResNetSpec): ParamCounts {
  const sum = (pred: (p: ParamSpec) => boolean) => spec.params.filter(pred).reduce((a, p) => a + p.size, 0);
  return {
    total: sum(() => true),
    bn: sum((p) => p.kind === 'gamma' || p.kind === 'beta'),
    conv: sum((p) => p.kind === 'conv'),
    output: sum((p) => p.kind === 'dense-w' || p.kind === 'dense-b'),
  };
}

/** Forward multiply-accumulates per 32×32 image (convs and dense). */
export function forwardMacs(spec: ResNetSpec): number {
  let macs = 3 * 3 * 3 * spec.width * 32 * 32;
  for (const b of spec.blocks) {
    const hw = b.size * b.size;
    macs += 9 * b.cin * b.cout * hw + 9 * b.cout * b.cout * hw;
    if (b.projection) macs += b.cin * b.cout * hw;
  }
  return macs + spec.width * 4 * 10;
}

const macsCache = new Map<string, number>();

/** Forward MACs per image of ResNet-`depth` at `width`, cached: the UI asks on every render. */
export function modelMacs(depth: number, width: number): number {
  const key = `${depth}/${width}`;
  let m = macsCache.get(key);
  if (m === undefined) {
    m = forwardMacs(buildResNetSpec(depth, width));
    if (macsCache.size > 256) macsCache.clear();
    macsCache.set(key, m);
  }
  return m;
}
