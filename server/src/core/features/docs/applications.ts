/**
 * Dialplan applications: syntax, what each does, its key options and the
 * variables it sets, one entry per application. Written for this project from
 * Asterisk's behaviour (core show application <name> is the reference on a
 * running system); version notes where they matter (removed in 21 etc.).
 *
 * `snippet` is the argument list as an LSP snippet, used by completion.
 */

export interface AppArg {
  name: string;
  doc: string;
}

export interface AppDoc {
  name: string;
  syntax: string;
  summary: string;
  args?: AppArg[];
  options?: { flag: string; doc: string }[];
  /** Channel variables it sets, with their values. */
  sets?: string;
  notes?: string[];
  /** Arguments as an LSP snippet (without the parentheses). */
  snippet?: string;
}

const LABEL = '[[context,]extension,]priority';

export const APPLICATIONS: readonly AppDoc[] = [
  {
    name: 'Answer',
    syntax: 'Answer([delay])',
    summary: 'Answers the channel if it is ringing. Most applications that play audio need an answered channel; `Dial()` does not.',
    args: [{ name: 'delay', doc: 'Milliseconds to wait after answering before continuing (lets the media path settle).' }],
    snippet: '',
  },
  {
    name: 'Hangup',
    syntax: 'Hangup([causecode])',
    summary: 'Hangs up the channel. The dialplan stops here (then the `h` extension runs, if defined).',
    args: [{ name: 'causecode', doc: 'Q.850 cause to report, e.g. 16 (normal clearing), 17 (busy), 21 (rejected), 34 (congestion).' }],
    sets: '`${HANGUPCAUSE}` is set from the cause code.',
    snippet: '',
  },
  {
    name: 'Dial',
    syntax: 'Dial(Tech/resource[&Tech2/resource2[&...]][,timeout[,options[,URL]]])',
    summary: 'Places calls to one or more devices at once and bridges the caller with the first one to answer. The dialplan continues at the next priority when nobody answers (check `${DIALSTATUS}`), or after the bridged call ends if the caller is still up (with `g`).',
    args: [
      { name: 'Tech/resource', doc: 'What to call: `SIP/peer`, `SIP/peer/number` (dial `number` through `peer`, e.g. a trunk), `SIP/number@peer`, `PJSIP/endpoint`, `Local/exten@context`. Several joined with `&` ring at the same time.' },
      { name: 'timeout', doc: 'Seconds to ring before giving up (`${DIALSTATUS}` NOANSWER). Empty: ring until the callee or the network gives up.' },
      { name: 'options', doc: 'Letters, some with arguments in parentheses (see below).' },
      { name: 'URL', doc: 'Sent to the callee if its channel supports URLs (rarely used).' },
    ],
    options: [
      { flag: 'b(context^exten^priority)', doc: 'Gosub on each callee channel before it is called (pre-dial handler); the place to set `PJSIP_HEADER()` on outbound calls.' },
      { flag: 'B(context^exten^priority)', doc: 'Gosub on the caller before dialing.' },
      { flag: 'D([called][:calling[:progress]])', doc: 'Send DTMF digits to the callee after answer, to the caller, or on progress.' },
      { flag: 'g', doc: 'Continue in the dialplan after the callee hangs up.' },
      { flag: 'G(context^exten^priority)', doc: 'On answer, send the caller to the given place and the callee to priority+1.' },
      { flag: 'h / H', doc: 'Let the callee (h) / caller (H) hang up with the disconnect DTMF of features.conf (`*` by default).' },
      { flag: 'i', doc: 'Ignore call forwarding requests from the callee.' },
      { flag: 'L(x[:y[:z]])', doc: 'Limit the call to x ms; warn y ms before the end, repeat every z ms.' },
      { flag: 'm([class])', doc: 'Play music on hold to the caller instead of ringing.' },
      { flag: 'r', doc: 'Indicate ringing to the caller (even before the callee rings).' },
      { flag: 'S(x)', doc: 'Hang up x seconds after the callee answers.' },
      { flag: 't / T', doc: 'Let the callee (t) / caller (T) transfer with the features.conf blind transfer code.' },
      { flag: 'U(x[^arg...])', doc: 'Gosub on the callee after it answers, before it is bridged (e.g. "press 1 to accept").' },
      { flag: 'w / W', doc: 'Let the callee (w) / caller (W) start one-touch recording (automon).' },
      { flag: 'x / X', doc: 'Let the callee (x) / caller (X) start one-touch MixMonitor recording (automixmon).' },
      { flag: 'o([x])', doc: 'Use the caller\'s caller ID (or x) on the outbound call.' },
      { flag: 'M(macro[^args])', doc: 'Run a macro on the callee after answer. Removed with app_macro in Asterisk 21: use U().' },
    ],
    sets: '`${DIALSTATUS}`: ANSWER, BUSY, NOANSWER, CANCEL, CONGESTION, CHANUNAVAIL, DONTCALL, TORTURE, INVALIDARGS. Also `${DIALEDTIME}`, `${ANSWEREDTIME}`, `${DIALEDPEERNUMBER}`, `${DIALEDPEERNAME}`.',
    notes: ['`Dial,SIP/x` without parentheses is an application called "Dial,SIP/x" that does not exist: always write `Dial(SIP/x)`.', 'chan_sip (`SIP/`) was removed in Asterisk 21; the PJSIP form is `PJSIP/endpoint` or `PJSIP/number@endpoint`.'],
    snippet: '${1:SIP/peer},${2:30}',
  },
  {
    name: 'Goto',
    syntax: `Goto(${LABEL})`,
    summary: 'Jumps to another place in the dialplan. One argument is a priority (number or label) of the current extension; two are extension,priority in the current context; three are context,extension,priority.',
    args: [
      { name: 'context', doc: 'Target context (case-sensitive). Defaults to the current one.' },
      { name: 'extension', doc: 'Target extension. Defaults to the current one.' },
      { name: 'priority', doc: 'A priority number or a label written `n(label)`.' },
    ],
    notes: ['If the target does not exist the channel goes to the `i` extension of its context if there is one, else it is hung up (and `h` runs).'],
    snippet: '${1:context},${2:s},${3:1}',
  },
  {
    name: 'GotoIf',
    syntax: `GotoIf(condition?[labeliftrue][:labeliffalse])`,
    summary: 'Jumps to `labeliftrue` when the condition is true (non-empty and not 0), else to `labeliffalse`; an omitted label means "continue at the next priority". Each label is `[[context,]extension,]priority`.',
    args: [
      { name: 'condition', doc: 'Usually an expression `$[...]`, e.g. `$["${DIALSTATUS}" = "BUSY"]`.' },
      { name: 'labeliftrue', doc: `Where to go when true: ${LABEL}.` },
      { name: 'labeliffalse', doc: `Where to go when false: ${LABEL}.` },
    ],
    snippet: '\\$[${1:condition}]?${2:label-true}:${3:label-false}',
  },
  {
    name: 'GotoIfTime',
    syntax: 'GotoIfTime(times,weekdays,mdays,months[,timezone]?[labeliftrue][:labeliffalse])',
    summary: 'Jumps when the current time is inside the window, like the time fields of `include =>`: times `08:00-17:00`, weekdays `mon-fri`, days of month `1-31`, months `jan-dec`; `*` means any.',
    args: [
      { name: 'times', doc: '`HH:MM-HH:MM` (may wrap past midnight) or `*`.' },
      { name: 'weekdays', doc: '`mon-fri`, `sat&sun`, or `*`.' },
      { name: 'mdays', doc: 'Days of month, `1-15`, or `*`.' },
      { name: 'months', doc: '`jan-dec`, or `*`.' },
      { name: 'timezone', doc: 'Optional zone name (e.g. `Europe/Paris`); default: the system time zone.' },
    ],
    notes: ['Before Asterisk 1.6 the fields were separated with `|`; since then `,` (`|` is no longer accepted).'],
    snippet: '${1:08:00-17:00},${2:mon-fri},${3:*},${4:*}?${5:open}:${6:closed}',
  },
  {
    name: 'Gosub',
    syntax: `Gosub(${LABEL}[(arg1[,...][,argN])])`,
    summary: 'Calls a subroutine: jumps like Goto but remembers where it came from; `Return()` comes back to the next priority. Arguments are available as `${ARG1}`…`${ARGn}` (and `${ARGC}`), local to the subroutine.',
    args: [
      { name: 'context', doc: 'Subroutine context (conventionally `sub-…`).' },
      { name: 'extension', doc: 'Subroutine extension, often `s`.' },
      { name: 'priority', doc: 'Priority or label, followed by the arguments in parentheses: `s,1(alice,30)`.' },
    ],
    sets: '`${GOSUB_RETVAL}` after `Return(value)`.',
    notes: ['Gosub replaces Macro() (removed in Asterisk 21). Variables set with `LOCAL(name)` disappear on Return.'],
    snippet: '${1:sub-context},${2:s},${3:1}(${4:args})',
  },
  {
    name: 'GosubIf',
    syntax: 'GosubIf(condition?labeliftrue[(args)][:labeliffalse[(args)]])',
    summary: 'Calls one of two subroutines depending on the condition (as GotoIf, but returning).',
    snippet: '\\$[${1:condition}]?${2:sub-true,s,1}:${3:sub-false,s,1}',
  },
  {
    name: 'Return',
    syntax: 'Return([value])',
    summary: 'Returns from a Gosub to the priority after the Gosub call.',
    args: [{ name: 'value', doc: 'Stored in `${GOSUB_RETVAL}` for the caller.' }],
    notes: ['Return without a matching Gosub logs a warning and the channel hangs up.'],
    snippet: '',
  },
  {
    name: 'Set',
    syntax: 'Set(name=value)',
    summary: 'Sets a channel variable or writes a dialplan function: `Set(COUNT=1)`, `Set(CALLERID(name)=Reception)`, `Set(GLOBAL(NIGHT)=1)`. Everything after the first `=` is the value, commas included.',
    args: [{ name: 'name=value', doc: 'A `_` prefix makes the variable inherited by channels this one creates (one level), `__` by all descendants.' }],
    notes: ['Before Asterisk 1.6 `Set(a=1|b=2)` set several variables; use MSet() for that today.'],
    snippet: '${1:NAME}=${2:value}',
  },
  {
    name: 'MSet',
    syntax: 'MSet(name1=value1[,name2=value2[,...]])',
    summary: 'Sets several variables at once. Values cannot contain a comma (it separates the pairs), and quotes are removed: prefer Set() one at a time.',
    snippet: '${1:A}=${2:1},${3:B}=${4:2}',
  },
  {
    name: 'NoOp',
    syntax: 'NoOp([text])',
    summary: 'Does nothing. Its argument is still substituted, and shows in the console at verbose level 3: a cheap way to trace values (`NoOp(Caller is ${CALLERID(num)})`).',
    snippet: '${1:text}',
  },
  {
    name: 'Playback',
    syntax: 'Playback(filename[&filename2[&...]][,options])',
    summary: 'Plays sound files (name without extension; Asterisk picks the best format in the sounds directory for the channel language). Digits pressed meanwhile are ignored — use Background() to collect them.',
    args: [{ name: 'filename', doc: 'Relative to the sounds directory (e.g. `hello-world`, `custom/welcome`) or absolute.' }],
    options: [
      { flag: 'skip', doc: 'Do nothing if the channel is not answered.' },
      { flag: 'noanswer', doc: 'Play without answering first (early media).' },
    ],
    sets: '`${PLAYBACKSTATUS}`: SUCCESS or FAILED.',
    snippet: '${1:hello-world}',
  },
  {
    name: 'Background',
    syntax: 'Background(filename[&filename2[&...]][,options[,langoverride[,context]]])',
    summary: 'Plays sound files while listening for digits: as soon as the caller dials, playback stops and the digits are matched against the extensions of the current context (an IVR menu). After it, use WaitExten() to wait for input.',
    options: [
      { flag: 's', doc: 'Skip if the channel is not answered.' },
      { flag: 'n', doc: 'Do not answer the channel first.' },
      { flag: 'm', doc: 'Only stop when the digit starts a valid one-digit extension of the context.' },
    ],
    args: [{ name: 'context', doc: 'Match dialed digits in this context instead of the current one.' }],
    sets: '`${BACKGROUNDSTATUS}`: SUCCESS or FAILED.',
    snippet: '${1:filename}',
  },
  {
    name: 'WaitExten',
    syntax: 'WaitExten([seconds][,options])',
    summary: 'Waits for the caller to dial an extension of the current context (after Background()). Nothing dialed within the timeout sends the call to `t`; an unknown number to `i`.',
    args: [{ name: 'seconds', doc: 'Timeout; default `TIMEOUT(response)` (10 s).' }],
    options: [{ flag: 'm([class])', doc: 'Play music on hold while waiting.' }],
    snippet: '${1:10}',
  },
  {
    name: 'Wait',
    syntax: 'Wait(seconds)',
    summary: 'Waits the given number of seconds (decimals allowed, e.g. 0.5). Digits are ignored.',
    snippet: '${1:1}',
  },
  {
    name: 'VoiceMail',
    syntax: 'VoiceMail(mailbox[@context][&mailbox2[@context2]...][,options])',
    summary: 'Takes a voicemail message for the mailboxes of voicemail.conf. Pressing `0` during the greeting goes to the `o` extension, `*` to `a`.',
    options: [
      { flag: 'b', doc: 'Play the busy greeting.' },
      { flag: 'u', doc: 'Play the unavailable greeting.' },
      { flag: 's', doc: 'Skip the "leave a message after the tone" instructions.' },
      { flag: 'U', doc: 'Mark the message urgent.' },
      { flag: 'g(#)', doc: 'Gain in dB for the recording.' },
      { flag: 'd([context])', doc: 'Let the caller dial a one-digit extension to leave.' },
    ],
    sets: '`${VMSTATUS}`: SUCCESS, USEREXIT or FAILED.',
    snippet: '${1:100}@${2:default},${3:u}',
  },
  {
    name: 'VoiceMailMain',
    syntax: 'VoiceMailMain([mailbox][@context][,options])',
    summary: 'The voicemail menu where users listen to their messages and record greetings. Without a mailbox the caller is asked for one.',
    options: [
      { flag: 's', doc: 'Skip the password check — only for callers already authenticated (e.g. their own phone).' },
      { flag: 'p', doc: 'Treat the mailbox argument as a prefix to what the caller enters.' },
      { flag: 'a(folder)', doc: 'Start in this folder.' },
    ],
    notes: ['Using `s` with a mailbox built from the caller ID lets anyone who spoofs the caller ID read the messages.'],
    snippet: '${1:100}@${2:default}',
  },
  {
    name: 'Queue',
    syntax: 'Queue(queuename[,options[,URL[,announceoverride[,timeout[,AGI[,macro[,gosub[,rule[,position]]]]]]]]])',
    summary: 'Puts the caller in a call queue of queues.conf until an agent answers, the timeout expires or the queue says leave.',
    args: [
      { name: 'queuename', doc: 'A queue of queues.conf (or the realtime table).' },
      { name: 'timeout', doc: 'Seconds the caller may stay in the queue.' },
      { name: 'gosub', doc: 'Subroutine run on the agent channel before the bridge.' },
    ],
    options: [
      { flag: 't / T', doc: 'Let the agent (t) / caller (T) transfer.' },
      { flag: 'r', doc: 'Ring instead of music on hold.' },
      { flag: 'c', doc: 'Continue in the dialplan when the agent hangs up.' },
      { flag: 'n', doc: 'No retries on timeout: leave the queue and continue in the dialplan.' },
      { flag: 'h / H', doc: 'Let the agent (h) / caller (H) hang up with `*`.' },
    ],
    sets: '`${QUEUESTATUS}`: TIMEOUT, FULL, JOINEMPTY, LEAVEEMPTY, JOINUNAVAIL, LEAVEUNAVAIL, CONTINUE.',
    notes: ['The `macro` argument went away with app_macro in Asterisk 21.'],
    snippet: '${1:support},${2:t}',
  },
  {
    name: 'AddQueueMember',
    syntax: 'AddQueueMember(queuename[,interface[,penalty[,options[,membername[,stateinterface]]]]])',
    summary: 'Adds a dynamic member (agent) to a queue; by default the current channel\'s device.',
    sets: '`${AQMSTATUS}`: ADDED, MEMBERALREADY or NOSUCHQUEUE.',
    snippet: '${1:support},${2:SIP/100}',
  },
  {
    name: 'RemoveQueueMember',
    syntax: 'RemoveQueueMember(queuename[,interface])',
    summary: 'Removes a dynamic member from a queue.',
    sets: '`${RQMSTATUS}`: REMOVED, NOTINQUEUE, NOSUCHQUEUE or NOTDYNAMIC.',
    snippet: '${1:support},${2:SIP/100}',
  },
  {
    name: 'Macro',
    syntax: 'Macro(macroname[,arg1[,arg2[,...]]])',
    summary: 'Runs the context `[macro-macroname]` starting at extension `s`, with the arguments in `${ARG1}`…, and `${MACRO_EXTEN}`, `${MACRO_CONTEXT}`, `${MACRO_PRIORITY}` holding the caller\'s position; returns at the end of the macro.',
    notes: ['Deprecated for years (it nests badly and uses a lot of stack) and **removed in Asterisk 21** with app_macro: use `Gosub(macro-name,s,1(args))` and `Return()`.'],
    snippet: '${1:name},${2:args}',
  },
  {
    name: 'MacroExit',
    syntax: 'MacroExit()',
    summary: 'Leaves the current Macro() early and returns to the caller.',
    notes: ['Removed in Asterisk 21 with app_macro; with Gosub use Return().'],
    snippet: '',
  },
  {
    name: 'Read',
    syntax: 'Read(variable[,filename[&filename2...]][,maxdigits[,options[,attempts[,timeout]]]])',
    summary: 'Plays a prompt and reads digits into a variable; `#` ends the input.',
    args: [
      { name: 'variable', doc: 'Receives the digits (without `#`).' },
      { name: 'filename', doc: 'Prompt to play (digits interrupt it).' },
      { name: 'maxdigits', doc: 'Stop after this many digits (0 or empty: up to 255, until `#`).' },
      { name: 'attempts', doc: 'Replay the prompt this many times if nothing is entered.' },
      { name: 'timeout', doc: 'Seconds to wait for each digit (default: the channel\'s response timeout).' },
    ],
    options: [
      { flag: 's', doc: 'Return immediately if the line is not up.' },
      { flag: 'i', doc: 'The prompt is an indication tone (indications.conf), not a file.' },
      { flag: 'n', doc: 'Read even if the channel is not answered.' },
    ],
    sets: '`${READSTATUS}`: OK, ERROR, HANGUP, INTERRUPTED, SKIPPED, TIMEOUT.',
    snippet: '${1:DIGITS},${2:enter-number},${3:4}',
  },
  {
    name: 'SayDigits',
    syntax: 'SayDigits(digits)',
    summary: 'Says each digit ("one two three") in the channel language.',
    snippet: '${1:digits}',
  },
  {
    name: 'SayNumber',
    syntax: 'SayNumber(digits[,gender])',
    summary: 'Says a whole number ("one hundred twenty three").',
    args: [{ name: 'gender', doc: 'For languages that need it: f, m, c (common) or n (neuter).' }],
    snippet: '${1:number}',
  },
  {
    name: 'SayAlpha',
    syntax: 'SayAlpha(string)',
    summary: 'Spells a string letter by letter.',
    snippet: '${1:text}',
  },
  {
    name: 'Record',
    syntax: 'Record(filename.format[,silence[,maxduration[,options]]])',
    summary: 'Records the caller to a file until `#`, silence, the maximum duration or hangup. `%d` in the name is replaced with a number so files are not overwritten.',
    args: [
      { name: 'filename.format', doc: 'Path (relative to the sounds directory) and format, e.g. `/tmp/msg.wav`.' },
      { name: 'silence', doc: 'Stop after this many seconds of silence (0: never).' },
      { name: 'maxduration', doc: 'Maximum length in seconds (0: no limit).' },
    ],
    options: [
      { flag: 'a', doc: 'Append to an existing file.' },
      { flag: 'n', doc: 'Do not answer the channel.' },
      { flag: 'q', doc: 'Quiet: no beep.' },
      { flag: 's', doc: 'Skip if the line is not up.' },
      { flag: 't', doc: 'Use `*` instead of `#` to stop.' },
      { flag: 'x', doc: 'Ignore all terminator keys (only silence/time/hangup stop it).' },
      { flag: 'k', doc: 'Keep the recording if the caller hangs up.' },
    ],
    sets: '`${RECORDED_FILE}` (name used) and `${RECORD_STATUS}`: DTMF, SILENCE, SKIP, TIMEOUT, HANGUP, ERROR.',
    snippet: '${1:/tmp/recording}.${2:wav},${3:3},${4:60}',
  },
  {
    name: 'MeetMe',
    syntax: 'MeetMe([confno][,options[,pin]])',
    summary: 'Joins a MeetMe conference room of meetme.conf. Needs a DAHDI timing source.',
    notes: ['Deprecated in Asterisk 19 and **removed in 21**: use ConfBridge().'],
    snippet: '${1:1000}',
  },
  {
    name: 'ConfBridge',
    syntax: 'ConfBridge(conference[,bridge_profile[,user_profile[,menu]]])',
    summary: 'Joins a conference (created on first use). Profiles and DTMF menus come from confbridge.conf. Available since Asterisk 10; the replacement for MeetMe.',
    args: [
      { name: 'conference', doc: 'Conference name; any string.' },
      { name: 'bridge_profile', doc: 'A `type=bridge` section of confbridge.conf (default `default_bridge`).' },
      { name: 'user_profile', doc: 'A `type=user` section (default `default_user`): admin, PIN, music on hold, …' },
      { name: 'menu', doc: 'A `type=menu` section: DTMF actions.' },
    ],
    snippet: '${1:room}',
  },
  {
    name: 'Page',
    syntax: 'Page(Tech/resource[&Tech2/resource2[&...]][,options[,timeout]])',
    summary: 'Calls several devices at once and puts them all in a one-way conference with the caller (overhead paging, intercom). Phones usually need a header to auto-answer (e.g. `SIPAddHeader(Alert-Info: ...)` or `PJSIP_HEADER()` in a pre-dial handler).',
    options: [
      { flag: 'd', doc: 'Full duplex: the paged phones can talk back.' },
      { flag: 'q', doc: 'Quiet: no beep for the paged phones.' },
      { flag: 's', doc: 'Only page phones that are not in use.' },
      { flag: 'i', doc: 'Ignore call forwarding.' },
      { flag: 'A(x)', doc: 'Play announcement x to all paged phones.' },
    ],
    snippet: '${1:SIP/phone1&SIP/phone2},${2:d}',
  },
  {
    name: 'Pickup',
    syntax: 'Pickup([extension[@context][&extension2@context2...]])',
    summary: 'Answers a call ringing elsewhere: without argument, any call ringing in one of this device\'s `pickupgroup`s (like the features.conf pickup code `*8`); with an extension, the call ringing there; `PICKUPMARK` picks the channel marked with that variable.',
    snippet: '${1:100}@${2:phones}',
  },
  {
    name: 'Busy',
    syntax: 'Busy([timeout])',
    summary: 'Signals busy to the caller (SIP 486 before answer, else a busy tone) and waits for the caller to hang up, or `timeout` seconds.',
    snippet: '${1:20}',
  },
  {
    name: 'Congestion',
    syntax: 'Congestion([timeout])',
    summary: 'Signals congestion (all circuits busy; SIP 503 before answer, else a fast busy tone) and waits for hangup or `timeout` seconds.',
    snippet: '${1:20}',
  },
  {
    name: 'Progress',
    syntax: 'Progress()',
    summary: 'Signals call progress without answering (SIP 183 Session Progress): early media such as an announcement can then be played before answer.',
    snippet: '',
  },
  {
    name: 'Ringing',
    syntax: 'Ringing()',
    summary: 'Signals ringing to the caller (SIP 180 Ringing) without answering.',
    snippet: '',
  },
  {
    name: 'Playtones',
    syntax: 'Playtones(arg)',
    summary: 'Starts playing a tone in the background and continues immediately: a name from indications.conf for the channel\'s country (`dial`, `busy`, `ring`, `congestion`) or a tone list like `440+480/2000,0/4000`. Stop it with StopPlaytones().',
    snippet: '${1:dial}',
  },
  {
    name: 'StopPlaytones',
    syntax: 'StopPlaytones()',
    summary: 'Stops the tone started by Playtones().',
    snippet: '',
  },
  {
    name: 'System',
    syntax: 'System(command)',
    summary: 'Runs a shell command and waits for it.',
    sets: '`${SYSTEMSTATUS}`: SUCCESS, FAILURE or APPERROR (the command returned non-zero).',
    notes: ['Never pass caller-controlled data (`${CALLERID(...)}`, `${EXTEN}` of a pattern) unquoted: it is a shell command injection. Filter it first, e.g. `${FILTER(0-9,${EXTEN})}`.'],
    snippet: '${1:command}',
  },
  {
    name: 'TrySystem',
    syntax: 'TrySystem(command)',
    summary: 'Like System() but never fails the call; `${SYSTEMSTATUS}` tells what happened (SUCCESS, FAILURE, APPERROR).',
    snippet: '${1:command}',
  },
  {
    name: 'AGI',
    syntax: 'AGI(command[,arg1[,arg2[,...]]])',
    summary: 'Runs an AGI script that controls the call through stdin/stdout: a program in the agi-bin directory (or an absolute path), or `agi://host[:port]/script` for FastAGI over TCP.',
    sets: '`${AGISTATUS}`: SUCCESS, FAILURE, NOTFOUND or HANGUP.',
    notes: ['DeadAGI() is deprecated: AGI() also works on hung-up channels (e.g. in `h`).'],
    snippet: '${1:script.agi}',
  },
  {
    name: 'ExecIf',
    syntax: 'ExecIf(expression?appiftrue[(args)][:appiffalse[(args)]])',
    summary: 'Runs one application when the expression is true, optionally another when false.',
    snippet: '\\$[${1:condition}]?${2:Set(X=1)}',
  },
  {
    name: 'Exec',
    syntax: 'Exec(appname(arguments))',
    summary: 'Runs an application whose name is computed at run time, e.g. `Exec(${APP}(${ARGS}))`.',
    snippet: '${1:app}(${2:args})',
  },
  {
    name: 'Echo',
    syntax: 'Echo()',
    summary: 'Sends the caller\'s audio (and video) back to them: a latency and audio test. `#` ends it.',
    snippet: '',
  },
  {
    name: 'Log',
    syntax: 'Log(level,message)',
    summary: 'Writes a message to the Asterisk log at a level: ERROR, WARNING, NOTICE, DEBUG, VERBOSE or DTMF.',
    snippet: '${1|NOTICE,WARNING,ERROR,DEBUG,VERBOSE|},${2:message}',
  },
  {
    name: 'Verbose',
    syntax: 'Verbose([level,]message)',
    summary: 'Prints a message on the console when the verbosity is at least `level` (0–4, default 0).',
    snippet: '${1:1},${2:message}',
  },
  {
    name: 'Directory',
    syntax: 'Directory([vm-context[,dial-context[,options]]])',
    summary: 'Company directory: the caller spells a name on the keypad, picks a match from voicemail.conf, and is sent to that extension in `dial-context`.',
    options: [
      { flag: 'f / l / b', doc: 'Search by first name (f), last name (l, the default) or both (b).' },
      { flag: 'e', doc: 'Read the extension number along with the name.' },
      { flag: 'm', doc: 'Offer a menu of up to 8 matches at once.' },
    ],
    snippet: '${1:default},${2:phones}',
  },
  {
    name: 'ChanSpy',
    syntax: 'ChanSpy([chanprefix][,options])',
    summary: 'Listens to (and optionally talks on) other calls. `*` cycles to the next channel, `#` changes the volume.',
    options: [
      { flag: 'q', doc: 'Quiet: do not announce the channel name.' },
      { flag: 'w', doc: 'Whisper: talk to the spied-on channel only.' },
      { flag: 'B', doc: 'Barge: talk to both parties.' },
      { flag: 'g(grp)', doc: 'Only channels with `${SPYGROUP}` containing grp.' },
      { flag: 'e(ext)', doc: 'Only the listed extensions.' },
    ],
    notes: ['Protect it with Authenticate() or keep it in a context only trusted phones reach: it lets anyone reaching it listen to calls.'],
    snippet: '${1:SIP/},${2:q}',
  },
  {
    name: 'MixMonitor',
    syntax: 'MixMonitor(filename.extension[,options[,command]])',
    summary: 'Records the call (both directions mixed into one file) in the background while the dialplan continues; recording goes on through the bridge.',
    options: [
      { flag: 'a', doc: 'Append to the file.' },
      { flag: 'b', doc: 'Only record while the channel is bridged.' },
      { flag: 'v(x) / V(x) / W(x)', doc: 'Adjust heard (v), spoken (V) or both (W) volumes (-4..4).' },
      { flag: 'r(file) / t(file)', doc: 'Also record the received / transmitted audio separately.' },
    ],
    args: [{ name: 'command', doc: 'Shell command run when the recording ends (`^{...}` for `${...}` expanded at that time).' }],
    sets: '`${MIXMONITOR_FILENAME}`.',
    snippet: '${1:recording}.${2:wav},${3:b}',
  },
  {
    name: 'StopMixMonitor',
    syntax: 'StopMixMonitor([MixMonitorID])',
    summary: 'Stops a recording started with MixMonitor().',
    snippet: '',
  },
  {
    name: 'Monitor',
    syntax: 'Monitor([file_format[:urlbase][,fname_base[,options]]])',
    summary: 'Records the two directions of a call into separate files (mixed afterwards with option `m`).',
    notes: ['Deprecated in favour of MixMonitor() and **removed in Asterisk 21** (res_monitor).'],
    snippet: '${1:wav},${2:name},${3:m}',
  },
  {
    name: 'StopMonitor',
    syntax: 'StopMonitor()',
    summary: 'Stops a recording started with Monitor(). Removed in Asterisk 21.',
    snippet: '',
  },
  {
    name: 'SIPAddHeader',
    syntax: 'SIPAddHeader(Header: Content)',
    summary: 'Adds a SIP header to the INVITE of the next Dial() on this channel (chan_sip only), e.g. `SIPAddHeader(Alert-Info: <http://x>;info=alert-autoanswer)`.',
    notes: ['chan_sip was removed in Asterisk 21. With PJSIP use `Set(PJSIP_HEADER(add,Header)=Content)` in a pre-dial handler (`Dial(...,b(handler^s^1))`).'],
    snippet: '${1:Header}: ${2:value}',
  },
  {
    name: 'Transfer',
    syntax: 'Transfer([Tech/]destination)',
    summary: 'Asks the channel driver to transfer the caller elsewhere (a SIP REFER or 302); the channel must support it.',
    sets: '`${TRANSFERSTATUS}`: SUCCESS, FAILURE or UNSUPPORTED.',
    snippet: '${1:SIP/100}',
  },
  {
    name: 'Originate',
    syntax: 'Originate(tech_data,type,arg1[,arg2[,arg3[,timeout[,options]]]])',
    summary: 'Places a new call from the dialplan: calls `tech_data`, and when it answers connects it to an extension (`type` exten: arg1 context, arg2 extension, arg3 priority) or an application (`type` app: arg1 application, arg2 its data). Available since Asterisk 1.8.',
    sets: '`${ORIGINATE_STATUS}`: SUCCESS, FAILED, BUSY, CONGESTION, HANGUP, RINGING or UNKNOWN.',
    snippet: '${1:SIP/100},${2:exten},${3:context},${4:s},${5:1}',
  },
  {
    name: 'DISA',
    syntax: 'DISA(passcode|filename[,context[,cid[,mailbox[@context][,options]]]])',
    summary: 'Direct Inward System Access: gives an outside caller a dial tone to place calls from `context` (default `disa`) after entering a passcode.',
    args: [
      { name: 'passcode|filename', doc: 'A numeric passcode, `no-password`, or a file of passcodes (one per line).' },
      { name: 'context', doc: 'Where the dialed number is looked up — what the caller can reach.' },
    ],
    notes: ['A classic toll-fraud target: never use `no-password`, use long passcodes and give DISA a context that can only reach what it must.'],
    snippet: '${1:passcode},${2:disa-out}',
  },
  {
    name: 'Authenticate',
    syntax: 'Authenticate(password[,options[,maxdigits[,prompt]]])',
    summary: 'Asks the caller for a password (digits) and hangs up after three failures. A password starting with `/` is a file of passwords (or an AstDB family with option `d`).',
    snippet: '${1:1234}',
  },
  {
    name: 'SendDTMF',
    syntax: 'SendDTMF(digits[,timeout_ms[,duration_ms[,channel]]])',
    summary: 'Sends DTMF digits on the channel (`w` in the string waits half a second).',
    snippet: '${1:digits}',
  },
  {
    name: 'MusicOnHold',
    syntax: 'MusicOnHold([class[,duration]])',
    summary: 'Plays music on hold (musiconhold.conf class) for `duration` seconds, or until hangup.',
    snippet: '${1:default}',
  },
  {
    name: 'StartMusicOnHold',
    syntax: 'StartMusicOnHold([class])',
    summary: 'Starts music on hold in the background and continues; StopMusicOnHold() ends it.',
    snippet: '${1:default}',
  },
  {
    name: 'StopMusicOnHold',
    syntax: 'StopMusicOnHold()',
    summary: 'Stops music started by StartMusicOnHold().',
    snippet: '',
  },
  {
    name: 'While',
    syntax: 'While(expr)',
    summary: 'Loops: runs the following priorities until EndWhile() as long as the expression is true. ExitWhile() leaves the loop, ContinueWhile() starts the next round.',
    snippet: '\\$[${1:condition}]',
  },
  {
    name: 'EndWhile',
    syntax: 'EndWhile()',
    summary: 'End of a While() loop: goes back to the While().',
    snippet: '',
  },
  {
    name: 'ExitWhile',
    syntax: 'ExitWhile()',
    summary: 'Leaves the current While() loop (continues after its EndWhile()).',
    snippet: '',
  },
  {
    name: 'Stasis',
    syntax: 'Stasis(app_name[,args[,...]])',
    summary: 'Hands the channel to an ARI application (Asterisk 12+); the dialplan continues when the application releases it.',
    sets: '`${STASISSTATUS}`: SUCCESS or FAILED.',
    snippet: '${1:app}',
  },
  {
    name: 'SoftHangup',
    syntax: 'SoftHangup(Technology/resource[,options])',
    summary: 'Hangs up another channel (by name prefix with option `a`, all matching).',
    snippet: '${1:SIP/100}',
  },
  {
    name: 'ReadExten',
    syntax: 'ReadExten(variable[,filename[,context[,option[,timeout]]]])',
    summary: 'Like Read() but stops as soon as the digits form a valid extension of `context`, and stores it in the variable.',
    sets: '`${READEXTENSTATUS}`: OK, TIMEOUT, INVALID, SKIP or ERROR.',
    snippet: '${1:EXT},${2:prompt},${3:context}',
  },
  {
    name: 'ImportVar',
    syntax: 'ImportVar(newvar=channelname,variable)',
    summary: 'Copies a variable from another channel into this one.',
    snippet: '${1:NEW}=${2:SIP/100-00000001},${3:VAR}',
  },
  {
    name: 'UserEvent',
    syntax: 'UserEvent(eventname[,body])',
    summary: 'Sends a custom `UserEvent` to AMI listeners; body is `key: value` pairs separated with commas.',
    snippet: '${1:Name},${2:key: value}',
  },
];

const BY_NAME = new Map<string, AppDoc>(APPLICATIONS.map((a) => [a.name.toLowerCase(), a]));

/** Application names are case-insensitive in Asterisk. */
export function applicationDoc(name: string): AppDoc | undefined {
  return BY_NAME.get(name.trim().toLowerCase());
}
