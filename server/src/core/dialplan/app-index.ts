/**
 * The priorities of a dialplan grouped by application, filled while the
 * dialplan is built (each line is at hand then): the cross-file rules and
 * navigation ask for the Dial, Goto or Gosub lines, or for oddly named
 * applications, instead of each walking every priority of a megabyte dialplan.
 * Lists are in the order the lines were added (file order, includes inline).
 */
import type { Dialplan, Priority } from './model';

interface Bucket {
  items: Priority[];
  /** Sequence number of each item (order of addition), to merge buckets. */
  at: number[];
}

export class ApplicationIndex {
  private readonly byApp = new Map<string, Bucket>();
  private seq = 0;

  /** Record a priority the dialplan now holds. */
  add(p: Priority): void {
    let b = this.byApp.get(p.appKey);
    if (!b) this.byApp.set(p.appKey, (b = { items: [], at: [] }));
    b.items.push(p);
    b.at.push(this.seq++);
  }

  /** How many priorities were added (the sequence number of the next one). */
  get count(): number {
    return this.seq;
  }

  /** The priorities added as numbers [from, to), in that order. */
  between(from: number, to: number): readonly Priority[] {
    const buckets: Bucket[] = [];
    for (const b of this.byApp.values()) {
      const i = lowerBound(b.at, from);
      const j = lowerBound(b.at, to);
      if (i < j) buckets.push({ items: b.items.slice(i, j), at: b.at.slice(i, j) });
    }
    return merge(buckets);
  }

  running(apps: readonly string[]): readonly Priority[] {
    const buckets: Bucket[] = [];
    for (const a of apps) {
      const b = this.byApp.get(a);
      if (b) buckets.push(b);
    }
    return merge(buckets);
  }

  where(test: (appKey: string) => boolean): readonly Priority[] {
    const buckets: Bucket[] = [];
    for (const [key, b] of this.byApp) if (test(key)) buckets.push(b);
    return merge(buckets);
  }
}

const indexes = new WeakMap<Dialplan, ApplicationIndex>();

/** The index of a dialplan (created empty on first use; buildDialplan fills it). */
export function applicationIndex(plan: Dialplan): ApplicationIndex {
  let index = indexes.get(plan);
  if (!index) indexes.set(plan, (index = new ApplicationIndex()));
  return index;
}

/** Priorities running any of these applications (lower-case names), in line order. */
export function prioritiesRunning(plan: Dialplan, ...apps: string[]): readonly Priority[] {
  return applicationIndex(plan).running(apps);
}

/** Priorities whose application name (trimmed, lower-cased) passes `test`, in line order. */
export function prioritiesWhereApp(plan: Dialplan, test: (appKey: string) => boolean): readonly Priority[] {
  return applicationIndex(plan).where(test);
}

/** The first index of the sorted list whose value is at least n. */
function lowerBound(list: number[], n: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function merge(buckets: Bucket[]): readonly Priority[] {
  if (buckets.length === 0) return [];
  if (buckets.length === 1) return buckets[0]!.items;
  if (buckets.length <= 8) {
    // A few lists (Goto, Gosub, GotoIf…): merge them by sequence number.
    const out: Priority[] = [];
    const next = buckets.map(() => 0);
    for (;;) {
      let best = -1;
      let bestAt = Infinity;
      for (let i = 0; i < buckets.length; i++) {
        const at = buckets[i]!.at[next[i]!];
        if (at !== undefined && at < bestAt) {
          best = i;
          bestAt = at;
        }
      }
      if (best === -1) return out;
      out.push(buckets[best]!.items[next[best]!++]!);
    }
  }
  // Many lists (say, every hint's text): each item into the slot of its sequence number (they are distinct), in order.
  let min = Infinity;
  let max = -1;
  for (const b of buckets) {
    if (b.at.length === 0) continue;
    min = Math.min(min, b.at[0]!);
    max = Math.max(max, b.at[b.at.length - 1]!);
  }
  if (max === -1) return [];
  const slots: (Priority | undefined)[] = new Array(max - min + 1);
  for (const b of buckets) for (let i = 0; i < b.items.length; i++) slots[b.at[i]! - min] = b.items[i]!;
  const out: Priority[] = [];
  for (const p of slots) if (p !== undefined) out.push(p);
  return out;
}
