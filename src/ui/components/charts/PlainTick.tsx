/**
 * An axis tick label as one plain SVG <text>. recharts' default tick runs its word-wrapping
 * Text, which measures strings in the DOM on every redraw; axis labels here never wrap.
 */
interface TickProps {
  x?: number;
  y?: number;
  payload?: { value: number | string };
  textAnchor?: 'start' | 'middle' | 'end' | 'inherit';
  fill?: string;
  orientation?: string;
  format: (v: number) => string;
}

export function PlainTick({ x = 0, y = 0, payload, textAnchor, fill, orientation, format }: TickProps) {
  const v = payload?.value;
  const text = typeof v === 'number' ? format(v) : String(v ?? '');
  const dy = orientation === 'bottom' ? '0.9em' : '0.32em';
  return <text x={x} y={y} dy={dy} textAnchor={textAnchor} fill={fill} className="tick">{text}</text>;
}
