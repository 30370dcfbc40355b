/**
 * The runs drawn on the charts: the current one plus those selected in the runs list, each
 * with a label saying what differs (runDiff) and an Okabe–Ito colour by position.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../app/labStore.ts';
import { usePalette } from '../../hooks/usePalette.ts';
import { selectRun, useThrottledLab } from '../../hooks/useThrottledLab.ts';
import { diffLabels } from '../../lib/runDiff.ts';
import type { RunRecord } from '../../store/runTypes.ts';

export interface DrawnRun {
  run: RunRecord;
  label: string;
  color: string;
  current: boolean;
}

export function useDrawnRuns(): DrawnRun[] {
  const run = useThrottledLab(selectRun);
  const { runs, overlayIds } = useLab(useShallow((s) => ({ runs: s.runs, overlayIds: s.overlayIds })));
  const palette = usePalette();
  return useMemo(() => {
    const others = overlayIds.map((id) => runs.find((r) => r.id === id)).filter((r): r is RunRecord => !!r && r.id !== run?.id);
    const all = [...(run ? [run] : []), ...others];
    const labels = all.length > 1 ? diffLabels(all) : all.map((r) => r.name);
    return all.map((r, i) => ({ run: r, label: labels[i], color: palette.series[i % palette.series.length], current: r === run }));
    // `run` is a new object whenever its series grew (they grow in place), so it is the right dependency.
  }, [run, runs, overlayIds, palette]);
}

/** "Last: <label> <value> at step <x>" for a chart's screen-reader summary. */
export function lastValue(lines: readonly { label: string; x: readonly number[]; y: readonly (number | null)[] }[], format: (v: number) => string): string {
  const parts = lines.flatMap((l) => {
    const i = l.y.length - 1;
    const v = l.y[i];
    return i >= 0 && v !== null && Number.isFinite(v) ? [`${l.label} ${format(v)} at step ${fmt.step(l.x[i])}`] : [];
  });
  return parts.length ? `Last: ${parts.join('; ')}.` : 'No points yet.';
}

/** Readout/axis number formats. */
export const fmt = {
  pct: (v: number) => `${+(v * 100).toFixed(1)}%`,
  /** Step numbers on the x axis. */
  step: (v: number) => String(Math.round(v)),
  num: (v: number) => (v === 0 ? '0' : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(2)),
};
