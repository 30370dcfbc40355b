/** The chart grid; `hide=gamma` drops the γ views in embed mode. */
import { useLab } from '../../app/labStore.ts';
import { AccuracyChart } from './AccuracyChart.tsx';
import { DeadReluChart } from './DeadReluChart.tsx';
import { GammaLayerChart, GammaZeroChart } from './GammaZeroChart.tsx';
import { HistogramChart } from './HistogramChart.tsx';
import { LossChart } from './LossChart.tsx';
import { LrChart } from './LrChart.tsx';

export function Charts() {
  const hideGamma = useLab((s) => s.embed && s.hide.includes('gamma'));
  return (
    <section aria-label="Charts" className="charts" data-testid="panel.charts">
      <LossChart />
      <AccuracyChart />
      {hideGamma ? null : (
        <>
          <GammaZeroChart />
          <GammaLayerChart />
          <HistogramChart which="gamma" />
          <HistogramChart which="beta" />
        </>
      )}
      <DeadReluChart />
      <LrChart />
    </section>
  );
}
