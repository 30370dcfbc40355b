/**
 * The paper's numbers for the run's depth beside its result, each labelled with where it
 * comes from, and the reasons they are only a rough guide for this run (subset, epochs…).
 */
import type { ExperimentConfig } from '../../../core/config.ts';
import { formatPercent } from '../../lib/format.ts';
import { referencesFor, SOURCE_LABELS } from '../../lib/paperNumbers.ts';

export function PaperReference({ config, accuracy }: { config: ExperimentConfig; accuracy: number | null }) {
  const ref = referencesFor(config);
  const rows = [...ref.own, ...ref.other];
  return (
    <div data-testid="results.paper">
      <table className="ref-table">
        <caption className="small muted" style={{ textAlign: 'left' }}>CIFAR-10 test accuracy, ResNet-{config.depth}</caption>
        <thead>
          <tr><th scope="col">what</th><th scope="col">accuracy</th><th scope="col">source</th></tr>
        </thead>
        <tbody>
          <tr>
            <td><strong>this run</strong> ({config.mode})</td>
            <td data-testid="results.accuracy"><strong>{accuracy === null ? '–' : formatPercent(accuracy)}</strong></td>
            <td>measured here</td>
          </tr>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>{r.condition === 'bn' ? 'BN-only' : 'all trained'}</td>
              <td>{r.approx ? '≈' : ''}{+(r.accuracy * 100).toFixed(2)}%</td>
              <td className="small">{SOURCE_LABELS[r.source]}</td>
            </tr>
          ))}
          {!rows.length ? <tr><td colSpan={3} className="small muted">No published number for ResNet-{config.depth}; the paper's depths are 14, 32, 56, 110, 218, 434 and 866.</td></tr> : null}
        </tbody>
      </table>
      {ref.caveats.length ? <p className="small muted">Rough guide only: {ref.caveats.join('; ')}.</p> : null}
    </div>
  );
}
