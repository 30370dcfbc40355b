/**
 * A chart's card: title, optional controls, an empty-state note over the (mounted) chart, and
 * `data-points` (points drawn) for tests. The chart area has a fixed height; the plot fills it.
 */
import type { ReactNode } from 'react';

export function ChartFrame(props: {
  title: string;
  testId: string;
  points: number;
  controls?: ReactNode;
  empty?: string;
  description?: string;
  /** Drawn under the chart (SeriesLegend). */
  legend?: ReactNode;
  children: ReactNode;
}) {
  const id = `${props.testId.replace('.', '-')}-h`;
  return (
    <figure className="chart" data-testid={props.testId} data-points={props.points} aria-labelledby={id} style={{ margin: 0 }}>
      <h3 id={id}>
        <span>{props.title}</span>
        {props.controls}
      </h3>
      {/* The chart is mounted even when empty, so that it is created at page load rather than
          in the middle of training. */}
      <div className="chart-box">
        {props.children}
        {props.points > 0 ? null : <div className="empty">{props.empty ?? 'No points yet.'}</div>}
      </div>
      {props.legend}
      {props.description ? <figcaption className="small muted">{props.description}</figcaption> : null}
    </figure>
  );
}
