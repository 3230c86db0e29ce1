import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseIncludeValue,
  timeParts,
  timingCanEverMatch,
  timingMatches,
  type IncludeTiming,
} from '../../server/src/core/dialplan/timing';

const EDGE_DIR = path.resolve(__dirname, '../../../shared/asterisk/oracle-edge');

function timing(value: string): IncludeTiming {
  const r = parseIncludeValue(value);
  if (!r.timing) throw new Error(`no timing in ${value}`);
  return r.timing;
}

/** Local-time date (timingMatches without a tz evaluates in local time). */
const local = (y: number, mo: number, d: number, h = 12, mi = 0) => new Date(y, mo - 1, d, h, mi);

describe('parseIncludeValue: context name', () => {
  it('plain include', () => {
    expect(parseIncludeValue('internal')).toEqual({ context: 'internal', contextEnd: 8, warnings: [] });
  });
  it('the first comma ends the name', () => {
    const r = parseIncludeValue('daytime,09:00-17:00,mon-fri,*,*');
    expect(r.context).toBe('daytime');
    expect(r.contextEnd).toBe(7);
    expect(r.timing).toBeDefined();
  });
  it('a | anywhere wins over a comma (include_alloc tries strchr | first)', () => {
    expect(parseIncludeValue('a|*|mon').context).toBe('a');
    expect(parseIncludeValue('a,b|c').context).toBe('a,b');
  });
  it('an empty time spec means no time restriction', () => {
    const r = parseIncludeValue('ctx,');
    expect(r.context).toBe('ctx');
    expect(r.timing).toBeUndefined();
  });
});

describe('ast_build_timing: fields and masks', () => {
  it('all stars', () => {
    const t = timing('c,*,*,*,*');
    expect(t.minmask).toEqual(new Array(48).fill(0x3fffffff));
    expect(t.dowmask).toBe(0x7f);
    expect(t.daymask).toBe(0x7fffffff);
    expect(t.monthmask).toBe(0xfff);
    expect(t.timezone).toBeUndefined();
  });
  it('missing fields default to everything', () => {
    const t = timing('c,09:00-17:00');
    expect(t.dowmask).toBe(0x7f);
    expect(t.daymask).toBe(0x7fffffff);
    expect(t.monthmask).toBe(0xfff);
  });
  it('weekday names, numbers (1 = Sunday) and cyclic ranges', () => {
    expect(timing('c,*,mon-fri').dowmask).toBe(0b0111110);
    expect(timing('c,*,MON-Fri').dowmask).toBe(0b0111110);
    expect(timing('c,*,fri-mon').dowmask).toBe(0b1100011);
    expect(timing('c,*,1').dowmask).toBe(0b0000001);
    expect(timing('c,*,2-6').dowmask).toBe(0b0111110);
    expect(timing('c,*,sat&sun').dowmask).toBe(0b1000001);
  });
  it('days of month and months', () => {
    expect(timing('c,*,*,1').daymask).toBe(1);
    expect(timing('c,*,*,31').daymask).toBe(2 ** 30);
    expect(timing('c,*,*,30-2').daymask).toBe(2 ** 29 + 2 ** 30 + 1 + 2);
    expect(timing('c,*,*,*,feb').monthmask).toBe(2);
    expect(timing('c,*,*,*,dec-jan').monthmask).toBe(2 ** 11 + 1);
    expect(timing('c,*,*,*,12').monthmask).toBe(2 ** 11);
  });
  it('time ranges include both ends and may wrap midnight', () => {
    const t = timing('c,23:58-00:01');
    const on = (h: number, m: number) => timingMatches(t, local(2024, 3, 5, h, m));
    expect([on(23, 57), on(23, 58), on(23, 59), on(0, 0), on(0, 1), on(0, 2)]).toEqual([
      false,
      true,
      true,
      true,
      true,
      false,
    ]);
    const single = timing('c,12:30');
    expect(timingMatches(single, local(2024, 3, 5, 12, 30))).toBe(true);
    expect(timingMatches(single, local(2024, 3, 5, 12, 31))).toBe(false);
  });
  it('a time zone only with exactly 5 fields', () => {
    const t = timing('c,09:00-17:00,mon-fri,*,*,Europe/Paris');
    expect(t.timezone).toBe('Europe/Paris');
    expect(timing('c,09:00-17:00,mon-fri,*').timezone).toBeUndefined();
    expect(timing('c,*,*,*,*,UTC,extra').timezone).toBeUndefined();
    /* only commas count: with | separators there is no time zone */
    expect(timing('c|*|*|*|*|UTC').timezone).toBeUndefined();
  });
  it('reports the offsets of each field', () => {
    const v = 'c,09:00-17:00,mon-fri,1-15,jan,UTC';
    const t = timing(v);
    const txt = (s?: { start: number; end: number }) => (s ? v.slice(s.start, s.end) : undefined);
    expect({
      times: txt(t.spans.times),
      weekdays: txt(t.spans.weekdays),
      mdays: txt(t.spans.mdays),
      months: txt(t.spans.months),
      timezone: txt(t.spans.timezone),
    }).toEqual({ times: '09:00-17:00', weekdays: 'mon-fri', mdays: '1-15', months: 'jan', timezone: 'UTC' });
  });
});

describe('ast_build_timing: warnings (exact texts, offsets)', () => {
  const warn = (v: string) => parseIncludeValue(v).warnings.map((w) => [w.text, v.slice(w.start, w.end)]);
  it('weekday, day and month elements', () => {
    expect(warn('c,*,monday')).toEqual([["Invalid day of week 'monday', skipping element", 'monday']]);
    expect(warn('c,*,mon-xyz')).toEqual([["Invalid end day of week 'xyz', skipping element", 'xyz']]);
    expect(warn('c,*,8')).toEqual([["Invalid day of week '8', skipping element", '8']]);
    expect(warn('c,*,*,32')).toEqual([["Invalid day '32', skipping element", '32']]);
    expect(warn('c,*,*,0-5')).toEqual([["Invalid day '0', skipping element", '0']]);
    expect(warn('c,*,*,*,jan&&feb')).toEqual([["Invalid month '', skipping element", '']]);
    expect(warn('c,*,*,*,january')).toEqual([["Invalid month 'january', skipping element", 'january']]);
    expect(warn('c,*,*,*,1-13')).toEqual([["Invalid end month '13', skipping element", '13']]);
    expect(warn('c,*,*&mon')).toEqual([["Invalid day of week '*', skipping element", '*']]);
  });
  it('skipped elements leave the others', () => {
    const r = parseIncludeValue('c,*,mon&funday&fri');
    expect(r.warnings).toHaveLength(1);
    expect(r.timing!.dowmask).toBe(0b0100010);
  });
  it('times', () => {
    expect(warn('c,25:00')).toEqual([["25:00 isn't a valid time.", '25:00']]);
    expect(warn('c,9')).toEqual([["9 isn't a valid time.", '9']]);
    expect(warn('c,09:00-')).toEqual([["Invalid time range starting with '09:00-'.", '09:00-']]);
    expect(warn('c,09:00-xx')).toEqual([["Invalid time range starting with '09:00-'.", '09:00-xx']]);
    expect(warn('c,9h-17:00')).toEqual([["'9h' isn't a valid start time.", '9h']]);
    expect(warn('c,09:00-17:99')).toEqual([["'17:99' isn't a valid end time.", '17:99']]);
    expect(warn('c,09:00-~17:00')).toEqual([]);
    expect(warn('c,9:00-17:00&12:00')).toEqual([]);
  });
  it('a time field that is all garbage selects no minute at all', () => {
    const t = timing('c,bogus');
    expect(t.minmask.every((w) => w === 0)).toBe(true);
    expect(timingCanEverMatch(t)).toBe(false);
  });
});

describe('ast_check_timing', () => {
  it('office hours in local time', () => {
    const t = timing('office,09:00-17:00,mon-fri,*,*');
    expect(timingMatches(t, local(2024, 1, 15, 9, 0))).toBe(true); /* Monday */
    expect(timingMatches(t, local(2024, 1, 15, 17, 0))).toBe(true);
    expect(timingMatches(t, local(2024, 1, 15, 17, 1))).toBe(false);
    expect(timingMatches(t, local(2024, 1, 15, 8, 59))).toBe(false);
    expect(timingMatches(t, local(2024, 1, 13, 12, 0))).toBe(false); /* Saturday */
  });
  it('day of month and month', () => {
    const t = timing('xmas,*,*,25,dec');
    expect(timingMatches(t, local(2023, 12, 25, 0, 0))).toBe(true);
    expect(timingMatches(t, local(2023, 12, 24, 23, 59))).toBe(false);
    expect(timingMatches(t, local(2023, 11, 25, 12, 0))).toBe(false);
  });
  it('evaluates in the given time zone', () => {
    const t = timing('c,09:00-17:00,mon-fri,*,*,Europe/Paris');
    expect(timingMatches(t, new Date('2024-01-15T08:30:00Z'))).toBe(true); /* 09:30 Paris, Monday */
    expect(timingMatches(t, new Date('2024-01-15T16:00:00Z'))).toBe(true); /* 17:00 Paris */
    expect(timingMatches(t, new Date('2024-01-15T16:30:00Z'))).toBe(false); /* 17:30 Paris */
    expect(timingMatches(t, new Date('2024-07-15T15:30:00Z'))).toBe(false); /* 17:30 CEST */
    const ny = timing('c,*,sun,*,*,America/New_York');
    expect(timingMatches(ny, new Date('2024-01-15T03:00:00Z'))).toBe(true); /* Sunday 22:00 in New York */
  });
  it('unknown zones fall back to UTC', () => {
    expect(timeParts(new Date('2024-01-15T23:30:00Z'), 'Not/AZone')).toEqual({
      month: 0,
      mday: 15,
      wday: 1,
      hour: 23,
      minute: 30,
    });
    expect(timeParts(new Date('2024-01-15T23:30:00Z'), 'UTC')).toEqual({
      month: 0,
      mday: 15,
      wday: 1,
      hour: 23,
      minute: 30,
    });
  });
  it('windows that can never be true', () => {
    expect(timingCanEverMatch(timing('c,*,*,31,feb'))).toBe(false);
    expect(timingCanEverMatch(timing('c,00:00-23:59,*,30,feb'))).toBe(false);
    expect(timingCanEverMatch(timing('c,*,*,31,apr&jun&sep&nov'))).toBe(false);
    expect(timingCanEverMatch(timing('c,*,*,29,feb'))).toBe(true);
    expect(timingCanEverMatch(timing('c,*,*,31,*'))).toBe(true);
    expect(timingCanEverMatch(timing('c,*,funday'))).toBe(false);
    expect(timingCanEverMatch(timing('c,*,*,*,*'))).toBe(true);
    const feb31 = timing('c,*,*,31,feb');
    for (let d = 1; d <= 31; d++) {
      expect(timingMatches(feb31, local(2024, 2, Math.min(d, 29)))).toBe(false);
      expect(timingMatches(feb31, local(2024, 3, d))).toBe(false);
    }
  });
});

/* --------------------------------------------------------------------------
 * oracle-edge/cases/time-includes: what real Asterisk 20.20.1 answered.
 * ------------------------------------------------------------------------ */

interface Ctx {
  includes: string[];
  extens: { pattern: string; line: number }[];
}

function loadDialplan(text: string): Map<string, Ctx> {
  const ctxs = new Map<string, Ctx>();
  let cur: Ctx | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/;.*$/, '').trim();
    const sec = /^\[([^\]]*)\]/.exec(line);
    if (sec) {
      cur = sec[1] === 'general' ? undefined : { includes: [], extens: [] };
      if (cur) ctxs.set(sec[1]!, cur);
      return;
    }
    const kv = /^([^=]+?)\s*=>?\s*(.*)$/.exec(line);
    if (!kv || !cur) return;
    if (kv[1] === 'include') cur.includes.push(kv[2]!);
    if (kv[1] === 'exten') cur.extens.push({ pattern: kv[2]!.split(',')[0]!, line: i + 1 });
  });
  return ctxs;
}

/** Enough of the old matcher for this case: X, N, Z, digits, trailing '.'. */
function matches(pattern: string, number: string): boolean {
  if (!pattern.startsWith('_')) return pattern === number;
  const p = pattern.slice(1);
  let i = 0;
  for (const c of p) {
    if (c === '.') return i < number.length;
    const d = number[i];
    if (d === undefined) return false;
    if (c === 'X' && !/[0-9]/.test(d)) return false;
    if (c === 'N' && !/[2-9]/.test(d)) return false;
    if (c === 'Z' && !/[1-9]/.test(d)) return false;
    if (/[0-9]/.test(c) && c !== d) return false;
    i++;
  }
  return i === number.length;
}

function lookup(ctxs: Map<string, Ctx>, name: string, number: string, when: Date): [string, string, number] | null {
  const c = ctxs.get(name);
  if (!c) return null;
  for (const e of c.extens) if (matches(e.pattern, number)) return [name, e.pattern, e.line];
  for (const inc of c.includes) {
    const v = parseIncludeValue(inc);
    if (v.timing && !timingMatches(v.timing, when)) continue;
    const r = lookup(ctxs, v.context, number, when);
    if (r) return r;
  }
  return null;
}

describe('oracle-edge/cases/time-includes (real Asterisk 20.20.1)', () => {
  const conf = readFileSync(path.join(EDGE_DIR, 'cases/time-includes/extensions.conf'), 'utf8');
  const ctxs = loadDialplan(conf);
  const rows = readFileSync(path.join(EDGE_DIR, 'expected.tsv'), 'utf8')
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((r) => r[0] === 'time-includes');

  it('parses the three includes without warnings', () => {
    const incs = ctxs.get('c')!.includes.map(parseIncludeValue);
    expect(incs.map((i) => i.context)).toEqual(['never', 'always', 'never2']);
    expect(incs.every((i) => i.warnings.length === 0)).toBe(true);
    expect(incs.map((i) => timingCanEverMatch(i.timing!))).toEqual([false, true, false]);
  });

  it('has the oracle rows', () => {
    expect(rows.length).toBe(3);
  });

  /* The answer must not depend on the date: try several, leap day included. */
  const dates = [local(2024, 2, 29, 10, 0), local(2025, 2, 28, 23, 59), local(2025, 3, 31, 0, 0), new Date()];
  for (const row of rows) {
    const [, context, number, , result, matchedContext, extension, line] = row as string[];
    it(`${context}/${number} -> ${result} ${matchedContext} ${extension}`, () => {
      for (const when of dates) {
        const r = lookup(ctxs, context!, number!, when);
        if (result === 'none') expect(r).toBeNull();
        else expect(r).toEqual([matchedContext, extension, Number(line)]);
      }
    });
  }
});
