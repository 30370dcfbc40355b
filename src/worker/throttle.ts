/**
 * Tells browser throttling from a slow model: while the page is visible we learn the best
 * milliseconds per step; while it is hidden, a rate several times slower than that means
 * the browser is holding the steps back (timer clamping, background GPU scheduling).
 * Pure: fed with times and step counts.
 */

/** Hidden-tab slowdown over the visible baseline that counts as throttling. */
export const THROTTLE_FACTOR = 3;

export class ThrottleDetector {
  private baselineMsPerStep = Infinity;
  private last: { t: number; step: number } | null = null;
  private hidden = false;
  throttled = false;

  setHidden(hidden: boolean, t: number, step: number): void {
    this.hidden = hidden;
    this.last = { t, step }; // measure each visibility period on its own
    if (!hidden) this.throttled = false;
  }

  /** Feeds a read-back at time `t` (ms) after `step` steps; returns whether throttled now. */
  observe(t: number, step: number): boolean {
    const prev = this.last;
    this.last = { t, step };
    if (!prev || step <= prev.step) return this.throttled;
    const msPerStep = (t - prev.t) / (step - prev.step);
    if (!this.hidden) {
      this.baselineMsPerStep = Math.min(this.baselineMsPerStep, msPerStep);
      this.throttled = false;
    } else {
      this.throttled = Number.isFinite(this.baselineMsPerStep) && msPerStep > THROTTLE_FACTOR * this.baselineMsPerStep;
    }
    return this.throttled;
  }
}
