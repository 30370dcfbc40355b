/** After (or during) a run: accuracy against the paper's numbers, sample predictions, confusion matrix. */
import { selectRun, useThrottledLab } from '../../hooks/useThrottledLab.ts';
import { useLab } from '../../app/labStore.ts';
import { ConfusionMatrix } from './ConfusionMatrix.tsx';
import { PaperReference } from './PaperReference.tsx';
import { SampleImages } from './SampleImages.tsx';

export function ResultsPanel() {
  // Through the chart queue: the first results (a 10×10 table, images) are drawn in their own task.
  const run = useThrottledLab(selectRun);
  const res = run?.results ?? null;
  const config = run?.config ?? null;
  const hidden = useLab((s) => s.embed && s.hide.includes('results'));
  if (hidden) return null;
  return (
    <section className="panel" aria-labelledby="results-h" data-testid="panel.results">
      <h2 id="results-h">
        Results{res && config ? <span className="small muted">at step {res.step}, {config.testSize.toLocaleString('en-US')} test images</span> : null}
      </h2>
      {config ? <PaperReference config={config} accuracy={res?.testAccuracy ?? null} /> : <p className="muted small">Results of the latest evaluation appear here.</p>}
      {res ? (
        <div className="charts" style={{ marginTop: '0.75rem' }}>
          <div>
            <h3>Sample test images</h3>
            <SampleImages />
          </div>
          <div>
            <h3>Confusion matrix</h3>
            <ConfusionMatrix confusion={res.confusion} />
          </div>
        </div>
      ) : null}
    </section>
  );
}
