/**
 * The legend of a chart as plain HTML under it (readable text, larger in classroom mode,
 * independent of the canvas). Line styles are drawn too, so
 * series differ by more than colour.
 */
export interface LegendItem {
  label: string;
  color: string;
  /** SVG dash pattern for lines, e.g. "6 3". */
  dash?: string;
  kind?: 'line' | 'bar';
  opacity?: number;
}

export function SeriesLegend({ items }: { items: LegendItem[] }) {
  if (!items.length) return null;
  return (
    <ul className="legend" aria-label="Legend">
      {items.map((it, i) => (
        <li key={i}>
          <svg width="22" height="10" aria-hidden="true">
            {it.kind === 'bar'
              ? <rect x="4" y="1" width="14" height="8" fill={it.color} fillOpacity={it.opacity ?? 1} />
              : <line x1="1" y1="5" x2="21" y2="5" stroke={it.color} strokeWidth="2.5" strokeDasharray={it.dash} strokeOpacity={it.opacity ?? 1} />}
          </svg>
          {it.label}
        </li>
      ))}
    </ul>
  );
}

/** The legend of plotted lines, in their colours, dashes and opacity. */
export function legendOf(lines: readonly { label: string; color: string; dash?: number[]; alpha?: number }[]): LegendItem[] {
  return lines.map((l) => ({ label: l.label, color: l.color, dash: l.dash?.join(' '), opacity: l.alpha }));
}
