/**
 * The priorities of a dialplan that run the applications the cross-file rules
 * ask for (Dial, Goto, Gosub, GotoIf, GosubIf) or whose application name holds
 * a comma and no '(' (what `1,Dial,SIP/x` makes), filled while the dialplan is
 * built (each line is at hand then), so that the rules do not walk every
 * priority of a megabyte dialplan. The other lines (Set, Macro, Hangup… most
 * of them) are not indexed: telling them apart costs a few character
 * comparisons, where indexing them cost a name lookup each.
 * Lists are in the order the lines were added (file order, includes inline).
 */
import type { Dialplan, Priority } from './model';
import { keepShape } from '../shapes';
import { JUMP_APPS } from './jumps';

/** The applications indexed by name (lower-case): Dial, then the jump applications (a line's class in the dialplan is its place here). */
export const INDEXED_APPS: readonly string[] = ['dial', ...JUMP_APPS];
/** The bucket of the names with a comma and no '(' (each such name is its own application to Asterisk). */
const COMMA_NAMES = ',';

interface Bucket {
  items: Priority[];
  /** Sequence number of each item (order of addition), to merge buckets. */
  at: number[];
}

export class ApplicationIndex {
  private readonly byApp = new Map<string, Bucket>();
  private seq = 0;

  /** Record a priority the dialplan now holds under `key`: one of INDEXED_APPS, or ',' for a name with a comma and no '('. */
  add(p: Priority, key: string): void {
    let b = this.byApp.get(key);
    if (!b) this.byApp.set(key, (b = { items: [], at: [] }));
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
      if (!INDEXED_APPS.includes(a)) throw new Error(`'${a}' is not an indexed application (${INDEXED_APPS.join(', ')})`);
      const b = this.byApp.get(a);
      if (b) buckets.push(b);
    }
    return merge(buckets);
  }

  /** One bucket as it is. */
  bucket(key: string): readonly Priority[] {
    return this.byApp.get(key)?.items ?? [];
  }

  /** Every indexed priority, in line order. */
  all(): readonly Priority[] {
    return merge([...this.byApp.values()]);
  }
}

// Its map outlives every dialplan (see shapes.ts).
keepShape(new ApplicationIndex());

const indexes = new WeakMap<Dialplan, ApplicationIndex>();

/** The index of a dialplan (created empty on first use; buildDialplan fills it). */
export function applicationIndex(plan: Dialplan): ApplicationIndex {
  let index = indexes.get(plan);
  if (!index) indexes.set(plan, (index = new ApplicationIndex()));
  return index;
}

/** Priorities running any of these applications (lower-case names from INDEXED_APPS), in line order. */
export function prioritiesRunning(plan: Dialplan, ...apps: string[]): readonly Priority[] {
  return applicationIndex(plan).running(apps);
}

/** Priorities whose application name holds a comma and no '(' (hints excluded: they run no application), in line order. */
export function prioritiesNamedWithComma(plan: Dialplan): readonly Priority[] {
  return applicationIndex(plan).bucket(COMMA_NAMES);
}

/** Every priority the index holds (those of prioritiesRunning(…INDEXED_APPS) and prioritiesNamedWithComma), in line order. */
export function indexedPriorities(plan: Dialplan): readonly Priority[] {
  return applicationIndex(plan).all();
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

/** The buckets' items in sequence order (at most six buckets: a k-way merge). */
function merge(buckets: Bucket[]): readonly Priority[] {
  if (buckets.length === 0) return [];
  if (buckets.length === 1) return buckets[0]!.items;
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
