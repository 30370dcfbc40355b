/**
 * A line/step/area chart on a canvas, drawn by uPlot. Live charts redraw every second while
 * the worker trains; uPlot redraws a few thousand points in about a millisecond, where each
 * recharts update cost 40–100 ms of main thread here (issue 4: no task over 100 ms).
 * The plot is created when its look changes (series, colours, scheme, embed) and otherwise
 * only handed new data; it follows its box's size. Hovering shows the values under the cursor.
 */
import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useLab } from '../../app/labStore.ts';
import { usePalette, type Palette } from '../../hooks/usePalette.ts';
import { alignSeries, integerIncrements, withAlpha } from '../../lib/alignSeries.ts';

export interface PlotLine {
  label: string;
  color: string;
  x: readonly number[];
  y: readonly (number | null)[];
  /** Line width in CSS px (2 by default). */
  width?: number;
  /** Canvas dash pattern, e.g. [6, 3]. */
  dash?: number[];
  /** Stroke opacity. */
  alpha?: number;
  /** Draw a dot at each point (sparse series such as evaluations). */
  points?: boolean;
  /** Fill under the line with this opacity. */
  fill?: number;
  /** Draw as steps that hold a value until the next point (schedules, histograms). */
  stepped?: boolean;
}

export interface PlotProps {
  lines: PlotLine[];
  xFormat: (v: number) => string;
  yFormat: (v: number) => string;
  /** Fixed y range; a null end is fitted to the data. */
  yRange?: [number | null, number | null];
  /** Whole-number x ticks (steps). */
  integerX?: boolean;
  /** Word before the x value in the hover readout, e.g. "step". */
  xName?: string;
  /** What the chart shows, in words, for screen readers. */
  summary: string;
}

const FONT = '12px system-ui, -apple-system, "Segoe UI", sans-serif';
const EMBED_FONT = '16px system-ui, -apple-system, "Segoe UI", sans-serif';
const INT_INCRS = integerIncrements();

export function Plot(props: PlotProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const palette = usePalette();
  const embed = useLab((s) => s.embed);
  const data = useMemo(() => {
    const a = alignSeries(props.lines);
    return [a.xs, ...a.ys] as uPlot.AlignedData;
  }, [props.lines]);
  const look = JSON.stringify([
    props.lines.map((l) => [l.label, l.color, l.width, l.dash, l.alpha, l.points, l.fill, l.stepped]),
    props.yRange, props.integerX, palette.grid, embed,
  ]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const u = new uPlot(options(props, palette, embed, size(el)), data, el);
    plot.current = u;
    const ro = new ResizeObserver(() => {
      const s = size(el);
      if (s.width !== u.width || s.height !== u.height) u.setSize(s);
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
    // Rebuilt only when the look changes (`look` covers what it reads of props); data goes
    // through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [look]);

  useEffect(() => {
    const u = plot.current;
    if (u && u.data !== data) u.setData(data);
  }, [data]);

  return <div ref={box} className="plot" role="img" aria-label={props.summary} />;
}

function size(el: HTMLElement): { width: number; height: number } {
  const r = el.getBoundingClientRect();
  return { width: Math.max(50, Math.floor(r.width)), height: Math.max(50, Math.floor(r.height)) };
}

function options(p: PlotProps, palette: Palette, embed: boolean, dims: { width: number; height: number }): uPlot.Options {
  const scale = embed ? 1.4 : 1;
  const axis = (format: (v: number) => string, extra: Partial<uPlot.Axis> = {}): uPlot.Axis => ({
    stroke: palette.muted,
    font: embed ? EMBED_FONT : FONT,
    grid: { stroke: palette.grid, width: 1 },
    ticks: { stroke: palette.grid, width: 1, size: 4 },
    values: (_u, splits) => splits.map(format),
    ...extra,
  });
  const [lo, hi] = p.yRange ?? [null, null];
  return {
    ...dims,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 7 } },
    scales: {
      x: { time: false },
      y: lo !== null && hi !== null
        ? { range: [lo, hi] }
        : { range: (_u, min, max) => fitRange(lo, hi, min, max) },
    },
    axes: [
      axis(p.xFormat, p.integerX ? { incrs: INT_INCRS } : {}),
      axis(p.yFormat, { size: embed ? 64 : 52 }),
    ],
    series: [
      {},
      ...p.lines.map((l): uPlot.Series => ({
        label: l.label,
        stroke: l.alpha !== undefined ? withAlpha(l.color, l.alpha) : l.color,
        width: (l.width ?? 2) * scale,
        dash: l.dash,
        spanGaps: true,
        points: l.points ? { show: true, size: 6 * scale, fill: l.color, stroke: l.color } : { show: false },
        ...(l.fill !== undefined ? { fill: withAlpha(l.color, l.fill) } : {}),
        ...(l.stepped ? { paths: uPlot.paths.stepped!({ align: 1 }) } : {}),
      })),
    ],
    plugins: [readout(p)],
  };
}

/** A y range with the given fixed ends, the others fitted to the data with a little room. */
function fitRange(lo: number | null, hi: number | null, min: number | null, max: number | null): uPlot.Range.MinMax {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [lo ?? 0, hi ?? 1];
  const [a, b] = uPlot.rangeNum(lo ?? min, hi ?? max, 0.1, true);
  return [lo ?? a, hi ?? b];
}

/** The values under the cursor, in a small box that follows it. */
function readout(p: PlotProps): uPlot.Plugin {
  let tip: HTMLDivElement | null = null;
  return {
    hooks: {
      init: (u) => {
        tip = document.createElement('div');
        tip.className = 'plot-tip';
        tip.hidden = true;
        u.over.appendChild(tip);
      },
      setCursor: (u) => {
        if (!tip) return;
        const i = u.cursor.idx;
        if (i === null || i === undefined || u.cursor.left === undefined || u.cursor.left < 0) {
          tip.hidden = true;
          return;
        }
        const rows = [`${p.xName ?? 'x'} ${p.xFormat(u.data[0][i])}`];
        p.lines.forEach((l, s) => {
          const v = u.data[s + 1][i];
          if (v !== null && v !== undefined) rows.push(`${l.label}: ${p.yFormat(v)}`);
        });
        tip.textContent = rows.join('\n');
        tip.hidden = false;
        const left = u.cursor.left + 12;
        tip.style.left = `${Math.min(left, u.over.clientWidth - tip.offsetWidth - 4)}px`;
        tip.style.top = `${Math.max(0, (u.cursor.top ?? 0) - tip.offsetHeight - 8)}px`;
      },
    },
  };
}
