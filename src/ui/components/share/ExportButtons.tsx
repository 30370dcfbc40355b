/** The current run's metrics as CSV and as JSON (every point, not the decimated drawing). */
import { useLab } from '../../app/labStore.ts';
import { metricsToCsv, runFileStem, runToJson } from '../../lib/exportMetrics.ts';
import { download } from './download.ts';

export function ExportButtons({ onMessage }: { onMessage: (m: string | null) => void }) {
  const run = useLab((s) => s.run);
  const has = !!run && (run.steps.length > 0 || run.evals.length > 0);
  return (
    <div className="row" style={{ marginTop: '0.6rem' }}>
      <button type="button" data-testid="export.csv" disabled={!has} onClick={() => {
        download(`${runFileStem(run!)}.csv`, metricsToCsv(run!), 'text/csv');
        onMessage(`Saved ${run!.steps.length} step rows as CSV.`);
      }}>Export CSV</button>
      <button type="button" data-testid="export.json" disabled={!has} onClick={() => {
        download(`${runFileStem(run!)}.json`, runToJson(run!), 'application/json');
        onMessage('Saved the run as JSON.');
      }}>Export JSON</button>
    </div>
  );
}
