/**
 * The priorities of a dialplan grouped by application, made in one pass and
 * kept per dialplan: the cross-file rules and navigation ask for the Dial, Goto
 * or Gosub lines, or for oddly named applications, instead of each walking every
 * priority of a megabyte dialplan again.
 */
import type { Dialplan, Priority } from './model';

interface Bucket {
  items: Priority[];
  /** Position of each item in dialplan order (contexts, extensions, priorities), to merge buckets. */
  at: number[];
}

const indexes = new WeakMap<Dialplan, Map<string, Bucket>>();

function indexOf(plan: Dialplan): Map<string, Bucket> {
  let byApp = indexes.get(plan);
  if (byApp) return byApp;
  byApp = new Map();
  let n = 0;
  for (const ctx of plan.contexts.values()) {
    for (const ext of ctx.extensions) {
      for (const p of ext.priorities.values()) {
        let b = byApp.get(p.appKey);
        if (!b) byApp.set(p.appKey, (b = { items: [], at: [] }));
        b.items.push(p);
        b.at.push(n++);
      }
    }
  }
  indexes.set(plan, byApp);
  return byApp;
}

/** Priorities running any of these applications (lower-case names), in dialplan order. */
export function prioritiesRunning(plan: Dialplan, ...apps: string[]): readonly Priority[] {
  const byApp = indexOf(plan);
  const buckets: Bucket[] = [];
  for (const a of apps) {
    const b = byApp.get(a);
    if (b) buckets.push(b);
  }
  return merge(buckets);
}

/** Priorities whose application name (trimmed, lower-cased) passes `test`, in dialplan order. */
export function prioritiesWhereApp(plan: Dialplan, test: (appKey: string) => boolean): readonly Priority[] {
  const buckets: Bucket[] = [];
  for (const [key, b] of indexOf(plan)) if (test(key)) buckets.push(b);
  return merge(buckets);
}

function merge(buckets: Bucket[]): readonly Priority[] {
  if (buckets.length === 0) return [];
  if (buckets.length === 1) return buckets[0]!.items;
  const out: Priority[] = [];
  const next = buckets.map(() => 0);
  for (;;) {
    let best = -1;
    for (let i = 0; i < buckets.length; i++) {
      if (next[i]! < buckets[i]!.at.length && (best === -1 || buckets[i]!.at[next[i]!]! < buckets[best]!.at[next[best]!]!)) best = i;
    }
    if (best === -1) return out;
    out.push(buckets[best]!.items[next[best]!++]!);
  }
}
