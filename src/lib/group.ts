// Grouping without copying: one array per key, appended to in place (spreading the old array on
// every item is quadratic in the size of a group).

/** Items grouped by key, in first-seen key order and item order. */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
