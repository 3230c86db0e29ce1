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

export class ApplicationIndex {
  /** Every priority added, in the order of addition (line order), and its key. */
  private readonly items: Priority[] = [];
  private readonly keys: string[] = [];
  /** The items by key, grouped when first asked for (the rules ask once the dialplan is built; adding drops them). */
  private byApp: Map<string, Priority[]> | undefined = undefined;

  /** Record a priority the dialplan now holds under `key`: one of INDEXED_APPS, or ',' for a name with a comma and no '('. */
  add(p: Priority, key: string): void {
    this.items.push(p);
    this.keys.push(key);
    this.byApp = undefined;
  }

  /** How many priorities were added (the sequence number of the next one). */
  get count(): number {
    return this.items.length;
  }

  /** The priorities added as numbers [from, to), in that order. */
  between(from: number, to: number): readonly Priority[] {
    return this.items.slice(from, to);
  }

  /** The priorities running any of these applications, in line order (one pass over the index, no merge). */
  running(apps: readonly string[]): readonly Priority[] {
    for (const a of apps) if (!INDEXED_APPS.includes(a)) throw new Error(`'${a}' is not an indexed application (${INDEXED_APPS.join(', ')})`);
    if (apps.length === 1) return this.bucket(apps[0]!);
    const out: Priority[] = [];
    for (let i = 0; i < this.items.length; i++) if (apps.includes(this.keys[i]!)) out.push(this.items[i]!);
    return out;
  }

  /** One key's priorities, in line order. */
  bucket(key: string): readonly Priority[] {
    let byApp = this.byApp;
    if (byApp === undefined) {
      byApp = new Map();
      for (let i = 0; i < this.items.length; i++) {
        const list = byApp.get(this.keys[i]!);
        if (list) list.push(this.items[i]!);
        else byApp.set(this.keys[i]!, [this.items[i]!]);
      }
      this.byApp = byApp;
    }
    return byApp.get(key) ?? [];
  }

  /** Every indexed priority, in line order. */
  all(): readonly Priority[] {
    return this.items;
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
