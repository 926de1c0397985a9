// A sliding-window limiter for sign-in attempts, per client address and per account. Kept in
// memory: each instance limits on its own, which bounds guessing to (instances × limit).
export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds to wait before another attempt is allowed, or 0. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
    this.attempts.set(key, recent);
    if (recent.length < this.max) return 0;
    return Math.ceil((recent[0]! + this.windowMs - now) / 1000);
  }

  fail(key: string, now = Date.now()): void {
    const recent = (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
    recent.push(now);
    this.attempts.set(key, recent);
    if (this.attempts.size > 100_000) this.attempts.delete(this.attempts.keys().next().value!);
  }

  reset(key: string): void {
    this.attempts.delete(key);
  }
}
