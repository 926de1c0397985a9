// Record ids: UUID version 7 (time-ordered, so new rows sort after old ones and index well).
import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let counter = 0;

// Random bytes are drawn from the CSPRNG in blocks: one call per 256 ids instead of one per id
// (bulk ingest creates several ids per paragraph). Each byte is used once.
const POOL = Buffer.alloc(4096);
let poolAt = POOL.length;

function random(n: number): Buffer {
  if (poolAt + n > POOL.length) {
    randomFillSync(POOL);
    poolAt = 0;
  }
  const out = POOL.subarray(poolAt, poolAt + n);
  poolAt += n;
  return out;
}

export function newId(): string {
  const now = Date.now();
  // A 12-bit counter in rand_a keeps ids from one millisecond in creation order.
  if (now === lastMs) counter = (counter + 1) & 0xfff;
  else {
    lastMs = now;
    counter = random(2).readUInt16BE(0) & 0x7ff;
  }
  const b = Buffer.from(random(16));
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | ((counter >> 8) & 0x0f);
  b[7] = counter & 0xff;
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
