// A map bounded by entry count and by total weight that forgets its oldest entries first. The
// order of insertion is kept in a queue beside the map, so evicting costs the same however many
// entries came and went before (taking a Map's first key instead walks past every deleted entry
// still in its table, which made a long bulk import slow down as it went).

interface Slot<V> {
  value: V;
  weight: number;
  /** Which insertion of the key this is: a queue entry of an earlier one is stale. */
  serial: number;
}

export class FifoMap<K, V> {
  private readonly map = new Map<K, Slot<V>>();
  private queue: { key: K; serial: number }[] = [];
  private head = 0;
  private serial = 0;
  private totalWeight = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxWeight = Infinity,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get weight(): number {
    return this.totalWeight;
  }

  get(key: K): V | undefined {
    return this.map.get(key)?.value;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Adds or replaces; a replaced key keeps its place in the order. Then evicts down to the bounds. */
  set(key: K, value: V, weight = 0): void {
    const slot = this.map.get(key);
    if (slot) {
      this.totalWeight += weight - slot.weight;
      slot.value = value;
      slot.weight = weight;
    } else {
      const serial = ++this.serial;
      this.map.set(key, { value, weight, serial });
      this.queue.push({ key, serial });
      this.totalWeight += weight;
    }
    this.evict(key);
  }

  delete(key: K): boolean {
    const slot = this.map.get(key);
    if (!slot) return false;
    this.map.delete(key);
    this.totalWeight -= slot.weight;
    return true;
  }

  clear(): void {
    this.map.clear();
    this.queue = [];
    this.head = 0;
    this.totalWeight = 0;
  }

  /** Evicts the oldest entries while over a bound, never `keep` (the entry just set). */
  private evict(keep: K): void {
    while (
      (this.map.size > this.maxEntries || this.totalWeight > this.maxWeight) &&
      this.head < this.queue.length
    ) {
      const { key, serial } = this.queue[this.head]!;
      const slot = this.map.get(key);
      if (slot && slot.serial === serial) {
        if (key === keep) break;
        this.map.delete(key);
        this.totalWeight -= slot.weight;
      }
      this.head++;
    }
    // Keep the queue within a constant factor of the live entries (amortized constant time):
    // drop the consumed part, and the entries of keys deleted since.
    if (this.queue.length - this.head > 2 * this.map.size + 1024) {
      this.queue = this.queue.slice(this.head).filter((q) => this.map.get(q.key)?.serial === q.serial);
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
