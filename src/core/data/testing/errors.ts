/**
 * Test-only: capture the CifarFormatError a call throws (sync or async), so tests can
 * assert on its code and message. Pure.
 */
import { CifarFormatError } from '../cifarRecords.ts';

/** Runs `f` and returns the CifarFormatError it throws; fails if it throws nothing or another error. */
export function formatError(f: () => unknown): CifarFormatError {
  try {
    f();
  } catch (e) {
    if (e instanceof CifarFormatError) return e;
    throw e;
  }
  throw new Error('expected a CifarFormatError, but nothing was thrown');
}

/** Awaits `p` and returns the CifarFormatError it rejects with. */
export async function formatErrorAsync(p: Promise<unknown>): Promise<CifarFormatError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CifarFormatError) return e;
    throw e;
  }
  throw new Error('expected a CifarFormatError, but the promise resolved');
}
