/**
 * extensions.conf keywords: the keys of a context line (`exten =>`, `same =>`,
 * `include =>`, …) and the `[general]` options of pbx_config, written for
 * this project from Asterisk's behaviour (SPEC §2).
 */

export interface KeyDoc {
  name: string;
  syntax: string;
  doc: string;
  /** Completion snippet for the whole line start. */
  snippet: string;
}

export const DIALPLAN_KEYS: readonly KeyDoc[] = [
  {
    name: 'exten',
    syntax: 'exten => extension[/callerid],priority[(label)],Application(args)',
    doc: 'Adds one priority (step) to an extension. The extension is a literal (`100`, `s`) or a pattern starting with `_`; priorities run 1, 2, 3… (`n` = previous + 1, `hint` for device state).',
    snippet: 'exten => ${1:100},${2:1},${3:NoOp()}',
  },
  {
    name: 'same',
    syntax: 'same => priority[(label)],Application(args)',
    doc: 'Another priority of the extension on the previous `exten =>` line of this context, usually with priority `n`. Needs an `exten =>` before it in the same section.',
    snippet: 'same => ${1:n},${2:NoOp()}',
  },
  {
    name: 'include',
    syntax: 'include => context[,times,weekdays,mdays,months[,timezone]]',
    doc: 'Makes the extensions of another context reachable from this one. Asterisk searches the own context first, then the includes in file order (depth-first). With a time window the include only counts during that time.',
    snippet: 'include => ${1:context}',
  },
  {
    name: 'switch',
    syntax: 'switch => Module/data',
    doc: 'Asks another source for extensions the context does not have (e.g. `IAX2/user:secret@host/context`, `Realtime/context@table`), before the includes. `${}` is substituted at load; `lswitch` never, `eswitch` at each lookup.',
    snippet: 'switch => ${1:Realtime}/${2:context@extensions}',
  },
  { name: 'lswitch', syntax: 'lswitch => Module/data', doc: 'A `switch` whose data is never variable-substituted.', snippet: 'lswitch => ${1:Module}/${2:data}' },
  { name: 'eswitch', syntax: 'eswitch => Module/data', doc: 'A `switch` whose data is substituted at each lookup (with the channel\'s variables).', snippet: 'eswitch => ${1:Module}/${2:data}' },
  {
    name: 'ignorepat',
    syntax: 'ignorepat => pattern',
    doc: 'Keeps playing dial tone after the caller dials something matching the pattern (e.g. `ignorepat => 9` for "9 for an outside line"). It has no other effect on routing.',
    snippet: 'ignorepat => ${1:9}',
  },
  { name: 'autohints', syntax: 'autohints = yes|no', doc: 'Create hints automatically for devices as they appear (Asterisk 17+).', snippet: 'autohints = ${1|yes,no|}' },
];

export const DIALPLAN_GENERAL_OPTIONS: Readonly<Record<string, { doc: string; default: string; values?: string[] }>> = {
  static: { doc: 'With `writeprotect`, whether `dialplan save` may overwrite this file.', default: 'no', values: ['yes', 'no'] },
  writeprotect: { doc: 'Refuse `dialplan save` from the CLI (it would rewrite this file without comments).', default: 'no', values: ['yes', 'no'] },
  autofallthrough: { doc: 'When an extension runs out of priorities, hang up with a status (BUSY, CONGESTION or plain hangup) instead of waiting for more digits.', default: 'yes', values: ['yes', 'no'] },
  extenpatternmatchnew: { doc: 'Use the trie-based pattern matcher instead of the default linear one. Results are the same except a few edge cases (e.g. no fallback to the next matching extension when a priority is missing).', default: 'no', values: ['yes', 'no'] },
  clearglobalvars: { doc: 'Clear global variables on `dialplan reload` so that ones removed from [globals] disappear.', default: 'no', values: ['yes', 'no'] },
  userscontext: { doc: 'Context where users.conf entries are created.', default: 'default' },
  overrideswitch: { doc: 'A switch asked before every context\'s own extensions (rarely used).', default: '' },
};

export const SECTION_DOCS: Readonly<Record<string, string>> = {
  'extensions:general': '**[general]** of extensions.conf: pbx_config settings (static, writeprotect, autofallthrough, extenpatternmatchnew, clearglobalvars, userscontext). Not a context.',
  'extensions:globals': '**[globals]**: global variables, read before any context and substituted with `${NAME}` everywhere (`exten` here is just a variable too). Change them at run time with `Set(GLOBAL(NAME)=...)`.',
  'sip:general': '**[general]** of sip.conf: chan_sip settings (bind addresses, NAT, defaults for every device), `register =>` lines, and the guest context (`context`, `allowguest`).',
  'sip:authentication': '**[authentication]**: credentials Asterisk uses when a remote side challenges it (`auth = user:secret@realm`).',
};
