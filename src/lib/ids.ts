// Record ids: UUID version 7 (time-ordered, so new rows sort after old ones and index well).
import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

export function newId(): string {
  const now = Date.now();
  // A 12-bit counter in rand_a keeps ids from one millisecond in creation order.
  if (now === lastMs) counter = (counter + 1) & 0xfff;
  else {
    lastMs = now;
    counter = randomBytes(2).readUInt16BE(0) & 0x7ff;
  }
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | ((counter >> 8) & 0x0f);
  b[7] = counter & 0xff;
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
