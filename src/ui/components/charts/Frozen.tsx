/**
 * Renders its children again only when `version` changes. Charts pass a key of exactly what
 * they draw (series lengths, τ, colours), so a chart whose data did not change is not handed
 * to recharts again — each recharts update costs several synchronous renders of its own store.
 */
import { memo, type ReactNode } from 'react';

export const Frozen = memo(
  function Frozen({ children }: { version: string; children: ReactNode }) {
    return <>{children}</>;
  },
  (prev, next) => prev.version === next.version,
);

/** The part of a version key that names the drawn runs, their labels and colours. */
export function runsKey(drawn: readonly { run: { id: string }; label: string; color: string }[]): string {
  return drawn.map((d) => `${d.run.id}/${d.label}/${d.color}`).join('|');
}
