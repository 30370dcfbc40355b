/** After (or during) a run: accuracy against the paper's numbers, sample predictions, confusion matrix. */
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../app/labStore.ts';
import { ConfusionMatrix } from './ConfusionMatrix.tsx';
import { PaperReference } from './PaperReference.tsx';
import { SampleImages } from './SampleImages.tsx';

export function ResultsPanel() {
  const { run, hidden } = useLab(useShallow((s) => ({ run: s.run, hidden: s.embed && s.hide.includes('results') })));
  if (hidden) return null;
  const res = run?.results ?? null;
  return (
    <section className="panel" aria-labelledby="results-h" data-testid="panel.results">
      <h2 id="results-h">
        Results{res ? <span className="small muted">at step {res.step}, {run!.config.testSize.toLocaleString('en-US')} test images</span> : null}
      </h2>
      {run ? <PaperReference config={run.config} accuracy={res?.testAccuracy ?? null} /> : <p className="muted small">Results of the latest evaluation appear here.</p>}
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
