/** 10×10 confusion matrix of the latest evaluation: rows true class, columns predicted. */
import { CLASS_NAMES } from '../../../core/data/cifarRecords.ts';
import { ramp } from '../../hooks/usePalette.ts';

export function ConfusionMatrix({ confusion }: { confusion: number[] }) {
  const rowTotals = CLASS_NAMES.map((_, r) => confusion.slice(r * 10, r * 10 + 10).reduce((a, b) => a + b, 0));
  return (
    <div className="table-scroll">
      <table className="confusion" data-testid="results.confusion">
        <caption className="small muted" style={{ textAlign: 'left' }}>Rows: true class · columns: predicted · shade: share of the row</caption>
        <thead>
          <tr>
            <th scope="col"><span className="visually-hidden">true class</span></th>
            {CLASS_NAMES.map((c) => <th key={c} scope="col" title={c}>{c.slice(0, 4)}</th>)}
          </tr>
        </thead>
        <tbody>
          {CLASS_NAMES.map((c, r) => (
            <tr key={c}>
              <th scope="row">{c}</th>
              {CLASS_NAMES.map((p, col) => {
                const v = confusion[r * 10 + col];
                const f = rowTotals[r] ? v / rowTotals[r] : 0;
                return (
                  <td key={p} style={{ background: ramp(f), color: f > 0.55 ? '#000' : '#fff' }} title={`${c} predicted as ${p}: ${v}`}>{v}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
