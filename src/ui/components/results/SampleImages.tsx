/** Test images with the predicted and true class; wrong ones get a dashed orange frame. */
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CLASS_NAMES } from '../../../core/data/cifarRecords.ts';
import { useLab } from '../../app/labStore.ts';
import { requestSamples } from '../../data/samplesClient.ts';
import type { Sample } from '../../data/testImages.ts';

function Thumb({ sample }: { sample: Sample }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(32, 32);
    for (let p = 0; p < 1024; p++) {
      img.data[p * 4] = sample.image[p];
      img.data[p * 4 + 1] = sample.image[1024 + p];
      img.data[p * 4 + 2] = sample.image[2048 + p];
      img.data[p * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [sample]);
  const ok = sample.label === sample.predicted;
  const text = `${ok ? '✓' : '✗'} ${CLASS_NAMES[sample.predicted]}${ok ? '' : ` (is ${CLASS_NAMES[sample.label]})`}`;
  return (
    <figure className={`sample${ok ? '' : ' wrong'}`} style={{ margin: 0 }}>
      <canvas ref={ref} width={32} height={32} role="img" aria-label={`test image ${sample.index}: a ${CLASS_NAMES[sample.label]}, predicted ${CLASS_NAMES[sample.predicted]}`} />
      <figcaption>{text}</figcaption>
    </figure>
  );
}

export function SampleImages() {
  const { results, config, source } = useLab(useShallow((s) => ({ results: s.run?.results ?? null, config: s.run?.config ?? null, source: s.dataSource })));
  const [samples, setSamples] = useState<Sample[] | null>(null);
  useEffect(() => {
    let live = true;
    if (!results || !config || !source) return;
    requestSamples(source, results.predictions, config.testSize, config.seed, 16).then((s) => {
      if (live) setSamples(s);
    });
    return () => {
      live = false;
    };
  }, [results, config, source]);
  if (!results) return null;
  if (samples === null) return <p className="small muted">Loading test images…</p>;
  if (!samples.length) return <p className="small muted">The test images could not be read again from this data source, so no samples are shown.</p>;
  return <div className="samples" data-testid="results.samples">{samples.map((s) => <Thumb key={s.index} sample={s} />)}</div>;
}
