// Record ids: UUID version 7 (time-ordered, so new rows sort after old ones and index well).
import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let counter = 0;

// Random bytes are drawn from the CSPRNG in blocks: one call per 256 ids instead of one per id
// (bulk ingest creates several ids per paragraph). Each byte is used once.
const POOL = Buffer.alloc(4096);
let poolAt = POOL.length;

/** Offset in POOL of `n` fresh random bytes. */
function random(n: number): number {
  if (poolAt + n > POOL.length) {
    randomFillSync(POOL);
    poolAt = 0;
  }
  const at = poolAt;
  poolAt += n;
  return at;
}

const HEX_DIGITS = Buffer.from('0123456789abcdef');
// The id is written as ASCII into this buffer and read out as one string.
const OUT = Buffer.alloc(36);
OUT[8] = OUT[13] = OUT[18] = OUT[23] = 0x2d; // '-'
OUT[14] = 0x37; // '7': the version

function hexByte(at: number, b: number): void {
  OUT[at] = HEX_DIGITS[b >> 4]!;
  OUT[at + 1] = HEX_DIGITS[b & 15]!;
}

export function newId(): string {
  const now = Date.now();
  // A 12-bit counter in rand_a keeps ids of one millisecond in creation order; when it runs out
  // (more than ~2 000 ids in a millisecond) or the clock goes back, the time moves on by one.
  if (now <= lastMs) {
    counter++;
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
  } else {
    lastMs = now;
    counter = POOL.readUInt16BE(random(2)) & 0x7ff;
  }
  // unix_ts_ms (48 bits), version 7 with rand_a (the counter), variant 10 with 62 random bits.
  let hi = Math.floor(lastMs / 0x1000000);
  let lo = lastMs % 0x1000000;
  for (let i = 12; i >= 9; i--, lo >>>= 4) OUT[i] = HEX_DIGITS[lo & 15]!;
  for (let i = 7; i >= 6; i--, lo >>>= 4) OUT[i] = HEX_DIGITS[lo & 15]!;
  for (let i = 5; i >= 0; i--, hi >>>= 4) OUT[i] = HEX_DIGITS[hi & 15]!;
  OUT[15] = HEX_DIGITS[counter >> 8]!;
  hexByte(16, counter & 0xff);
  const r = random(8);
  hexByte(19, 0x80 | (POOL[r]! & 0x3f));
  hexByte(21, POOL[r + 1]!);
  for (let k = 0; k < 6; k++) hexByte(24 + 2 * k, POOL[r + 2 + k]!);
  return OUT.toString('latin1', 0, 36);
}
