/**
 * Channel variables and dialplan functions: what `${NAME}` and `${FUNC(args)}`
 * give, written for this project from Asterisk's behaviour. Variable names are
 * case-sensitive in Asterisk, function names are not.
 */

export interface VariableDoc {
  name: string;
  doc: string;
  /** Values it takes, when it is a status. */
  values?: string;
  notes?: string;
}

export interface FunctionDoc {
  name: string;
  syntax: string;
  doc: string;
  /** Sub-items of the first argument (CALLERID(num), CHANNEL(language), …). */
  items?: { name: string; doc: string }[];
  notes?: string;
  /** Arguments as an LSP snippet (inside the parentheses). */
  snippet?: string;
  /** Can be written with Set(FUNC(...)=value). */
  writable?: boolean;
}

export const VARIABLES: readonly VariableDoc[] = [
  { name: 'EXTEN', doc: 'The extension being run (what was dialed, for a pattern). `${EXTEN:1}` drops the first digit (an outside-line prefix), `${EXTEN:-4}` keeps the last four.' },
  { name: 'CONTEXT', doc: 'The current context.' },
  { name: 'PRIORITY', doc: 'The current priority number.' },
  { name: 'CHANNEL', doc: 'The channel name, e.g. `SIP/alice-0000002a`.' },
  { name: 'UNIQUEID', doc: 'A unique ID of this channel (epoch.sequence): handy for file names.' },
  { name: 'EPOCH', doc: 'The current Unix time in seconds.' },
  { name: 'DIALSTATUS', doc: 'Result of the last Dial().', values: 'ANSWER, BUSY, NOANSWER, CANCEL, CONGESTION, CHANUNAVAIL, DONTCALL, TORTURE, INVALIDARGS' },
  { name: 'DIALEDTIME', doc: 'Seconds from the Dial() until the call ended (ringing included).' },
  { name: 'ANSWEREDTIME', doc: 'Seconds the dialed call was connected (after answer).' },
  { name: 'DIALEDPEERNUMBER', doc: 'The resource the answered Dial() reached, e.g. `alice`.' },
  { name: 'DIALEDPEERNAME', doc: 'The channel name of the party that answered the Dial().' },
  { name: 'HANGUPCAUSE', doc: 'Q.850 cause code of the hangup (16 normal, 17 busy, 19 no answer, 21 rejected, 34 congestion, …). Since Asterisk 11 `HANGUPCAUSE()` (function) gives per-channel technology causes.' },
  { name: 'INVALID_EXTEN', doc: 'In the `i` extension: the number that was dialed and did not exist.' },
  { name: 'ARG1', doc: 'First argument of the current Gosub() (or Macro()); `ARG2`, `ARG3`, … follow.' },
  { name: 'ARGC', doc: 'Number of arguments passed to the current Gosub().' },
  { name: 'GOSUB_RETVAL', doc: 'The value the last Gosub() returned with `Return(value)`.' },
  { name: 'MACRO_EXTEN', doc: 'In a Macro(): the extension that called it. (Macro was removed in Asterisk 21.)' },
  { name: 'MACRO_CONTEXT', doc: 'In a Macro(): the context that called it. (Macro was removed in Asterisk 21.)' },
  { name: 'MACRO_PRIORITY', doc: 'In a Macro(): the calling priority. (Macro was removed in Asterisk 21.)' },
  { name: 'VMSTATUS', doc: 'Result of VoiceMail().', values: 'SUCCESS, USEREXIT, FAILED' },
  { name: 'QUEUESTATUS', doc: 'Why Queue() returned.', values: 'TIMEOUT, FULL, JOINEMPTY, LEAVEEMPTY, JOINUNAVAIL, LEAVEUNAVAIL, CONTINUE' },
  { name: 'READSTATUS', doc: 'Result of Read().', values: 'OK, ERROR, HANGUP, INTERRUPTED, SKIPPED, TIMEOUT' },
  { name: 'PLAYBACKSTATUS', doc: 'Result of Playback().', values: 'SUCCESS, FAILED' },
  { name: 'SYSTEMSTATUS', doc: 'Result of System()/TrySystem().', values: 'SUCCESS, FAILURE, APPERROR' },
  { name: 'AGISTATUS', doc: 'Result of AGI().', values: 'SUCCESS, FAILURE, NOTFOUND, HANGUP' },
  { name: 'TRANSFERSTATUS', doc: 'Result of Transfer().', values: 'SUCCESS, FAILURE, UNSUPPORTED' },
  { name: 'RECORDED_FILE', doc: 'The file name Record() used (after `%d` substitution).' },
  { name: 'RECORD_STATUS', doc: 'Why Record() stopped.', values: 'DTMF, SILENCE, SKIP, TIMEOUT, HANGUP, ERROR' },
  { name: 'MIXMONITOR_FILENAME', doc: 'The file MixMonitor() records to.' },
  { name: 'ORIGINATE_STATUS', doc: 'Result of Originate().', values: 'SUCCESS, FAILED, BUSY, CONGESTION, HANGUP, RINGING, UNKNOWN' },
  { name: 'BLINDTRANSFER', doc: 'On a channel transferred blind: the name of the channel that transferred it.' },
  { name: 'ATTENDEDTRANSFER', doc: 'On a channel transferred attended: the name of the channel that transferred it.' },
  { name: 'PICKUPMARK', doc: 'Mark a ringing channel with this value so that `Pickup(value@PICKUPMARK)` can pick it up.' },
  { name: 'SIPCALLID', doc: 'chan_sip: the SIP Call-ID of the channel (removed with chan_sip in Asterisk 21).' },
  { name: 'SIPDOMAIN', doc: 'chan_sip: the domain of the request URI of an incoming call (removed with chan_sip in Asterisk 21).' },
  { name: 'CALLERIDNUM', doc: 'An old built-in variable that no longer exists: use `${CALLERID(num)}`.' },
  { name: 'CALLERIDNAME', doc: 'An old built-in variable that no longer exists: use `${CALLERID(name)}`.' },
  { name: 'DATETIME', doc: 'An old built-in variable that no longer exists: use `${STRFTIME(${EPOCH},,%d%m%Y-%H:%M:%S)}`.' },
  { name: 'TIMESTAMP', doc: 'An old built-in variable that no longer exists: use `${STRFTIME(${EPOCH},,%Y%m%d-%H%M%S)}`.' },
  { name: 'LANGUAGE', doc: 'An old built-in variable that no longer exists: use `${CHANNEL(language)}`.' },
  { name: 'ACCOUNTCODE', doc: 'An old built-in variable that no longer exists: use `${CHANNEL(accountcode)}` or `${CDR(accountcode)}`.' },
  { name: 'SPYGROUP', doc: 'Groups this channel belongs to for `ChanSpy(...,g(grp))`, separated with `:`.' },
  { name: 'EXITCONTEXT', doc: 'Context where a single digit dialed in VoiceMail() or Dial(…,d) is looked up.' },
  { name: 'DYNAMIC_FEATURES', doc: 'features.conf applicationmap features enabled on this channel, separated with `#`.' },
  { name: 'TRANSFER_CONTEXT', doc: 'Context where transfer targets dialed by this channel are looked up.' },
  { name: 'FORWARD_CONTEXT', doc: 'Context used for call forwarding (302) targets of Dial().' },
];

export const FUNCTIONS: readonly FunctionDoc[] = [
  {
    name: 'CALLERID',
    syntax: 'CALLERID(datatype[,CID])',
    doc: 'The caller ID of the channel; writable with `Set(CALLERID(name)=...)`.',
    items: [
      { name: 'num', doc: 'the caller number (also `number`)' },
      { name: 'name', doc: 'the caller name' },
      { name: 'all', doc: '`"name" <number>`' },
      { name: 'ani', doc: 'the ANI (billing number), when the network provides one' },
      { name: 'dnid', doc: 'the number that was dialed to reach us (DNID)' },
      { name: 'rdnis', doc: 'the redirecting number (use REDIRECTING(from-num) since 1.8)' },
      { name: 'pres', doc: 'the presentation: allowed_not_screened, prohib, … (`num-pres`, `name-pres` separately)' },
      { name: 'ton', doc: 'the type of number' },
      { name: 'tag', doc: 'a free-form tag carried along with the caller ID' },
    ],
    snippet: '${1|num,name,all,ani,dnid,rdnis,pres|}',
    writable: true,
  },
  { name: 'CONNECTEDLINE', syntax: 'CONNECTEDLINE(datatype[,i])', doc: 'The identity of the other party (num, name, all, pres…); writing it sends a connected-line update (`i`: only set, do not send).', snippet: '${1|num,name,all|}', writable: true },
  { name: 'REDIRECTING', syntax: 'REDIRECTING(datatype[,i])', doc: 'Redirecting (diversion) information: from-num, from-name, to-num, reason, count.', snippet: '${1|from-num,from-name,to-num,reason,count|}', writable: true },
  { name: 'GLOBAL', syntax: 'GLOBAL(varname)', doc: 'A global variable ([globals] of extensions.conf, or set with `Set(GLOBAL(x)=...)`); bypasses a channel variable of the same name.', snippet: '${1:NAME}', writable: true },
  { name: 'SHARED', syntax: 'SHARED(varname[,channel])', doc: 'A variable shared between channels (read from another channel by name).', snippet: '${1:NAME}', writable: true },
  { name: 'LOCAL', syntax: 'LOCAL(varname)', doc: 'A variable local to the current Gosub(): it disappears on Return().', snippet: '${1:NAME}', writable: true },
  { name: 'DB', syntax: 'DB(family/key)', doc: 'Reads (or with Set, writes) a value of the AstDB, Asterisk\'s persistent key/value store (`database show` on the CLI).', snippet: '${1:family}/${2:key}', writable: true },
  { name: 'DB_EXISTS', syntax: 'DB_EXISTS(family/key)', doc: '1 if the AstDB key exists (and sets `${DB_RESULT}` to its value), else 0.', snippet: '${1:family}/${2:key}' },
  { name: 'DB_DELETE', syntax: 'DB_DELETE(family/key)', doc: 'Returns the value of the AstDB key and deletes it.', snippet: '${1:family}/${2:key}' },
  { name: 'DB_KEYS', syntax: 'DB_KEYS([prefix])', doc: 'Comma-separated list of the keys directly under a family (Asterisk 11+).', snippet: '${1:family}' },
  { name: 'IF', syntax: 'IF(expression?[true][:false])', doc: 'The `true` text when the expression is true (non-empty and not 0), else the `false` text, e.g. `${IF($[${LEN(${X})} > 0]?yes:no)}`.', snippet: '\\$[${1:condition}]?${2:yes}:${3:no}' },
  { name: 'IFTIME', syntax: 'IFTIME(times,weekdays,mdays,months[,tz]?[true][:false])', doc: 'Like IF(), with a time window as in GotoIfTime().', snippet: '${1:08:00-17:00},${2:mon-fri},${3:*},${4:*}?${5:open}:${6:closed}' },
  { name: 'EXISTS', syntax: 'EXISTS(data)', doc: '1 if the text is not empty, else 0.', snippet: '${1:data}' },
  { name: 'ISNULL', syntax: 'ISNULL(data)', doc: '1 if the text is empty, else 0.', snippet: '${1:data}' },
  { name: 'LEN', syntax: 'LEN(string)', doc: 'The length of the text, e.g. `${LEN(${EXTEN})}`.', snippet: '${1:string}' },
  { name: 'CUT', syntax: 'CUT(varname,char-delim,range-spec)', doc: 'Fields of a variable split at a delimiter. The first argument is a variable **name**, not `${...}`: `${CUT(LIST,-,2)}` gives `b` for LIST=a-b-c; ranges like `1-2` or `2-` return several fields.', snippet: '${1:VAR},${2:-},${3:1}' },
  { name: 'FIELDQTY', syntax: 'FIELDQTY(varname,delim)', doc: 'The number of fields in a variable split at a delimiter.', snippet: '${1:VAR},${2:,}' },
  { name: 'STRFTIME', syntax: 'STRFTIME([epoch][,timezone[,format]])', doc: 'Formats a time (default now, system time zone) with strftime codes, e.g. `${STRFTIME(${EPOCH},,%Y-%m-%d %H:%M)}`. `%[n]q` gives fractions of a second.', snippet: '\\${EPOCH},${1:timezone},${2:%Y-%m-%d %H:%M:%S}' },
  { name: 'STRPTIME', syntax: 'STRPTIME(datetime,timezone,format)', doc: 'Parses a date/time into Unix epoch seconds.', snippet: '${1:datetime},${2:timezone},${3:%Y-%m-%d}' },
  { name: 'FILTER', syntax: 'FILTER(allowed-chars,string)', doc: 'Keeps only the allowed characters: `${FILTER(0-9,${CALLERID(num)})}` — the safe way to pass caller data to System() or SQL.', snippet: '${1:0-9},${2:string}' },
  { name: 'REGEX', syntax: 'REGEX("regular expression" string)', doc: '1 if the string matches the POSIX extended regular expression, else 0. The expression is in double quotes.', snippet: '"${1:^[0-9]+\\$}" ${2:string}' },
  { name: 'TOUPPER', syntax: 'TOUPPER(string)', doc: 'Upper case.', snippet: '${1:string}' },
  { name: 'TOLOWER', syntax: 'TOLOWER(string)', doc: 'Lower case.', snippet: '${1:string}' },
  { name: 'RAND', syntax: 'RAND([min][,max])', doc: 'A random integer between min and max (default 0 and RAND_MAX).', snippet: '${1:1},${2:100}' },
  { name: 'MATH', syntax: 'MATH(expression[,type])', doc: 'Arithmetic on two numbers, e.g. `${MATH(3*4,i)}`; type f (float, default), i (integer), h (hex).', snippet: '${1:1+1},${2:i}' },
  { name: 'SET', syntax: 'SET(varname=value)', doc: 'Sets a variable inside an expression and returns the value.', snippet: '${1:NAME}=${2:value}' },
  { name: 'ENV', syntax: 'ENV(envname)', doc: 'An environment variable of the Asterisk process.', snippet: '${1:NAME}', writable: true },
  { name: 'SHELL', syntax: 'SHELL(command)', doc: 'Runs a shell command and returns its output. Never with unfiltered caller data; with `live_dangerously=no` (asterisk.conf) it cannot be called from AMI/AGI/ARI.', snippet: '${1:command}' },
  {
    name: 'CHANNEL',
    syntax: 'CHANNEL(item)',
    doc: 'Properties of the channel.',
    items: [
      { name: 'language', doc: 'prompt language (writable)' },
      { name: 'musicclass', doc: 'music-on-hold class (writable)' },
      { name: 'accountcode', doc: 'CDR account code (writable)' },
      { name: 'state', doc: 'Down, Ring, Ringing, Up, Busy, …' },
      { name: 'name', doc: 'channel name' },
      { name: 'uniqueid', doc: 'unique ID' },
      { name: 'linkedid', doc: 'ID shared by the channels of the call' },
      { name: 'peerip', doc: 'chan_sip: IP address of the peer' },
      { name: 'recvip', doc: 'chan_sip: IP address the request came from' },
      { name: 'useragent', doc: 'chan_sip: User-Agent of the device' },
      { name: 'hangup_handler_push', doc: 'push a hangup handler (context,exten,priority(args)) — Asterisk 11+' },
    ],
    snippet: '${1|language,musicclass,accountcode,state,name,uniqueid,linkedid,peerip|}',
    writable: true,
  },
  { name: 'CDR', syntax: 'CDR(field[,options])', doc: 'A field of the call detail record: src, dst, dcontext, clid, channel, dstchannel, lastapp, start, answer, end, duration, billsec, disposition, accountcode, userfield, or a custom variable (writable for custom fields and userfield).', snippet: '${1|billsec,duration,disposition,userfield,accountcode|}', writable: true },
  { name: 'SIP_HEADER', syntax: 'SIP_HEADER(name[,number])', doc: 'chan_sip: a header of the incoming INVITE. Removed with chan_sip in Asterisk 21; use `PJSIP_HEADER(read,name)`.', snippet: '${1:X-Header}' },
  { name: 'PJSIP_HEADER', syntax: 'PJSIP_HEADER(action,name[,number])', doc: 'PJSIP: read, add, update or remove a SIP header (add/update/remove in a pre-dial handler on the outgoing channel).', snippet: '${1|read,add,update,remove|},${2:X-Header}', writable: true },
  { name: 'SIPPEER', syntax: 'SIPPEER(peername[,item])', doc: 'chan_sip: a property of a sip.conf peer (ip, port, status, context, callerid_num, useragent, codecs, …). Removed with chan_sip in Asterisk 21.', snippet: '${1:peer},${2|ip,status,context,useragent|}' },
  { name: 'DEVICE_STATE', syntax: 'DEVICE_STATE(device)', doc: 'State of a device: UNKNOWN, NOT_INUSE, INUSE, BUSY, INVALID, UNAVAILABLE, RINGING, RINGINUSE, ONHOLD. Writable for `Custom:name` devices.', snippet: '${1:SIP/alice}', writable: true },
  { name: 'EXTENSION_STATE', syntax: 'EXTENSION_STATE(extension[@context])', doc: 'State of an extension\'s hint: UNKNOWN, NOT_INUSE, INUSE, BUSY, UNAVAILABLE, RINGING, RINGINUSE, HOLDINUSE, ONHOLD.', snippet: '${1:100}@${2:context}' },
  { name: 'HINT', syntax: 'HINT(extension[@context][,options])', doc: 'The device string of an extension\'s hint (option n: its name).', snippet: '${1:100}@${2:context}' },
  { name: 'GROUP', syntax: 'GROUP([category])', doc: 'Puts the channel in a group (with Set), for counting with GROUP_COUNT: the usual way to limit simultaneous calls per trunk.', snippet: '${1:category}', writable: true },
  { name: 'GROUP_COUNT', syntax: 'GROUP_COUNT([groupname][@category])', doc: 'Number of channels in a group.', snippet: '${1:group}' },
  { name: 'TIMEOUT', syntax: 'TIMEOUT(timeouttype)', doc: 'Channel timeouts (writable): `absolute` (max call length → `T`), `digit` (between digits, default 5 s), `response` (after a prompt, default 10 s → `t`).', snippet: '${1|absolute,digit,response|}', writable: true },
  { name: 'EXCEPTION', syntax: 'EXCEPTION(field)', doc: 'In the `e` extension: `reason` (INVALID, RESPONSETIMEOUT, ABSOLUTETIMEOUT, …), `context`, `exten`, `priority` where it happened.', snippet: '${1|reason,context,exten,priority|}' },
  { name: 'HANGUPCAUSE', syntax: 'HANGUPCAUSE(channel,type)', doc: 'Per-channel hangup cause: `tech` (e.g. SIP 486) or `ast` (Q.850) — Asterisk 11+.', snippet: '${1:channel},${2|tech,ast|}' },
  { name: 'VM_INFO', syntax: 'VM_INFO(mailbox[@context],attribute[,folder])', doc: 'Voicemail box information: exists, count, email, fullname, language, locale, pager, password, tz (Asterisk 14+; replaces MAILBOX_EXISTS and VMCOUNT).', snippet: '${1:100}@${2:default},${3|exists,count,email,fullname|}' },
  { name: 'URIENCODE', syntax: 'URIENCODE(data)', doc: 'Percent-encodes text for a URI.', snippet: '${1:data}' },
  { name: 'URIDECODE', syntax: 'URIDECODE(data)', doc: 'Decodes percent-encoding.', snippet: '${1:data}' },
  { name: 'QUOTE', syntax: 'QUOTE(string)', doc: 'Wraps in double quotes, escaping quotes inside.', snippet: '${1:string}' },
  { name: 'CURL', syntax: 'CURL(url[,post-data])', doc: 'Fetches a URL (HTTP GET, or POST with data) and returns the body.', snippet: '${1:https://example.com}' },
  { name: 'HASH', syntax: 'HASH(hashname[,hashkey])', doc: 'Associative arrays stored in channel variables.', snippet: '${1:name},${2:key}', writable: true },
  { name: 'ARRAY', syntax: 'ARRAY(var1[,var2[,...]])', doc: 'Set several variables from a comma-separated value: `Set(ARRAY(a,b)=1,2)`.', snippet: '${1:A},${2:B}', writable: true },
  { name: 'SPRINTF', syntax: 'SPRINTF(format,arg1[,arg2...])', doc: 'printf-style formatting.', snippet: '${1:%05d},${2:value}' },
  { name: 'BLACKLIST', syntax: 'BLACKLIST()', doc: '1 if the caller number is in the AstDB family `blacklist`.', snippet: '' },
  { name: 'VOLUME', syntax: 'VOLUME(direction[,options])', doc: 'Gain for TX or RX audio (writable).', snippet: '${1|TX,RX|}', writable: true },
  { name: 'AUDIOHOOK_INHERIT', syntax: 'AUDIOHOOK_INHERIT(source)', doc: 'Let an audiohook (e.g. MixMonitor) follow the channel through a masquerade (transfer).', snippet: '${1:MixMonitor}', writable: true },
];

const VARS = new Map<string, VariableDoc>(VARIABLES.map((v) => [v.name, v]));
const FUNCS = new Map<string, FunctionDoc>(FUNCTIONS.map((f) => [f.name.toUpperCase(), f]));

/** A variable by exact (case-sensitive) name; ARGn all share the ARG1 entry. */
export function variableDoc(name: string): VariableDoc | undefined {
  const hit = VARS.get(name);
  if (hit) return hit;
  const arg = /^ARG(\d+)$/.exec(name);
  if (arg) return { name, doc: `Argument ${arg[1]} of the current Gosub() (or Macro()); empty when fewer were passed.` };
  return undefined;
}

/** Function names are case-insensitive. */
export function functionDoc(name: string): FunctionDoc | undefined {
  return FUNCS.get(name.trim().toUpperCase());
}
