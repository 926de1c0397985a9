// The application's clock. Everything time-dependent (embargo release, session expiry, command
// timestamps) reads it, so tests can move time deliberately.
let offsetMs = 0;
let fixed: Date | null = null;

export const clock = {
  now(): Date {
    return fixed ? new Date(fixed.getTime()) : new Date(Date.now() + offsetMs);
  },
  nowIso(): string {
    return clock.now().toISOString();
  },
  /** Tests only: freeze time at `at` (or unfreeze with null). */
  set(at: Date | null): void {
    fixed = at;
    offsetMs = 0;
  },
};
