// FifoMap (lib/fifo-map.ts): bounded by count and weight, oldest first out, and its bookkeeping
// stays proportional to the live entries however many come and go.
import { describe, expect, it } from 'vitest';
import { FifoMap } from '../../src/lib/fifo-map.js';

describe('FifoMap', () => {
  it('evicts the oldest entries beyond the entry bound', () => {
    const m = new FifoMap<string, number>(3);
    for (const [i, k] of ['a', 'b', 'c', 'd', 'e'].entries()) m.set(k, i);
    expect(['a', 'b', 'c', 'd', 'e'].map((k) => m.get(k))).toEqual([undefined, undefined, 2, 3, 4]);
    expect(m.size).toBe(3);
  });

  it('evicts by weight, but never the entry just set', () => {
    const m = new FifoMap<string, string>(100, 10);
    m.set('a', 'x', 4);
    m.set('b', 'y', 4);
    m.set('c', 'z', 4);
    expect([m.has('a'), m.has('b'), m.has('c')]).toEqual([false, true, true]);
    expect(m.weight).toBe(8);
    m.set('huge', 'w', 50);
    expect([m.has('b'), m.has('c'), m.has('huge')]).toEqual([false, false, true]);
    expect(m.weight).toBe(50);
  });

  it('keeps a replaced key in its place, and a re-added key counts from its new insertion', () => {
    const m = new FifoMap<string, number>(2);
    m.set('a', 1);
    m.set('b', 2);
    m.set('a', 10);
    m.set('c', 3);
    expect([m.get('a'), m.get('b'), m.get('c')]).toEqual([undefined, 2, 3]);
    m.delete('b');
    m.set('b', 20);
    m.set('d', 4);
    // 'b' was deleted and added again after 'c': 'c' is now the oldest.
    expect([m.get('b'), m.get('c'), m.get('d')]).toEqual([20, undefined, 4]);
  });

  it('stays small when entries are taken out as fast as they come', () => {
    const m = new FifoMap<number, number>(1000);
    for (let i = 0; i < 200_000; i++) {
      m.set(i, i);
      if (i >= 10) m.delete(i - 10);
    }
    expect(m.size).toBe(10);
    const queue = (m as unknown as { queue: unknown[]; head: number }).queue.length;
    expect(queue).toBeLessThan(5000);
  });
});
