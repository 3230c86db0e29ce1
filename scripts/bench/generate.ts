/**
 * Deterministic FreePBX-like Asterisk workspaces for the benchmark (npm run bench).
 *
 * A generated PBX has N users and everything that scales with them the way a
 * FreePBX-generated extensions_additional.conf does: [ext-local] with a hint,
 * `n` priorities, labels, Macro/Gosub and GotoIf($[…]) per user plus voicemail
 * shortcuts, [ext-did] DIDs (some with caller-ID routing), outbound routes with
 * dial patterns and trunks, IVRs, queues, ring groups, time conditions with
 * include time windows, feature codes and the from-internal / from-trunk
 * include trees; plus a sip.conf with [general], register lines, a phone
 * template, one device per user and an inbound and an outbound peer per trunk.
 *
 * Everything comes from one seeded PRNG, so the same (tier, seed) always gives
 * byte-identical text. The configs are valid: no error-severity diagnostic
 * (test/unit/bench-gen.test.ts checks it through Workspace), and calls from the
 * trunks (insecure=invite) can never reach an outbound route.
 */
import * as path from 'node:path';

export const DEFAULT_SEED = 20240611;

export interface TierSpec {
  name: '25KB' | '250KB' | '1MB' | '5MB';
  /** Target size of the extensions.conf text in bytes (decimal units). */
  bytes: number;
}

export const TIERS: readonly TierSpec[] = [
  { name: '25KB', bytes: 25_000 },
  { name: '250KB', bytes: 250_000 },
  { name: '1MB', bytes: 1_000_000 },
  { name: '5MB', bytes: 5_000_000 },
];

export interface GeneratedWorkspace {
  name: string;
  /** The config directory (virtual: the files live in `files`). */
  dir: string;
  /** Absolute path → text. */
  files: Record<string, string>;
  /** Every file, sorted: what `Workspace.analyze` gets (included files are found as such). */
  paths: string[];
  /** The dialplan root (extensions.conf). */
  extensionsPath: string;
  sipPath: string;
  users: number;
  /** Bytes of all extensions*.conf / ext_*.conf text (the dialplan). */
  extensionsBytes: number;
  /** Bytes of every file. */
  totalBytes: number;
}

/* ------------------------------------------------------------------------ */
/* PRNG                                                                      */
/* ------------------------------------------------------------------------ */

/** mulberry32: small, fast, good enough, and identical on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }
  secret(n = 16): string {
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
}

const FIRST = ['Alice', 'Bob', 'Carol', 'Dave', 'Erin', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy', 'Mallory', 'Niaj', 'Olivia', 'Peggy', 'Rupert', 'Sybil', 'Trent', 'Victor', 'Walter', 'Yolanda'];
const LAST = ['Smith', 'Johnson', 'Lee', 'Brown', 'Garcia', 'Miller', 'Davis', 'Martinez', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Thompson', 'White', 'Harris'];
const DEPTS = ['sales', 'support', 'billing', 'ops', 'eng', 'hr', 'legal', 'exec'];

/* ------------------------------------------------------------------------ */
/* The PBX as parts                                                          */
/* ------------------------------------------------------------------------ */

/** A context whose entries may be spread over several files. */
interface Group {
  context: string;
  /** Lines right after the section header (only in the first file). */
  head: string;
  blocks: string[];
}

interface PbxParts {
  /** extensions.conf before the big groups: [general], [globals], macros, subroutines, include trees. */
  extHead: string;
  groups: Group[];
  /** extensions.conf after the groups. */
  extTail: string;
  /** sip.conf before the user devices: [general], register lines, trunks, the template. */
  sipHead: string;
  sipDevices: string[];
}

const userNumber = (i: number, users: number): string => String((users > 8000 ? 10000 : 1000) + i);

function buildPbx(users: number, seed: number): PbxParts {
  const rng = new Rng(seed);
  const trunks = 2 + Math.floor(users / 1500);
  const ivrs = Math.max(2, Math.floor(users / 60));
  const queues = Math.max(1, Math.floor(users / 40));
  const ringGroups = Math.max(1, Math.floor(users / 25));
  const timeConditions = Math.max(1, Math.floor(ivrs / 2));
  const exts = Array.from({ length: users }, (_, i) => userNumber(i, users));

  // DIDs: unique 10-digit numbers, about 0.6 per user (at least one per trunk).
  const didCount = Math.max(trunks + 2, Math.round(users * 0.6));
  const dids: string[] = [];
  const seen = new Set<string>();
  while (dids.length < didCount) {
    const d = rng.pick(['212', '312', '415', '617', '720', '801']) + rng.pick(['555', '556', '557']) + rng.digits(4);
    if (seen.has(d)) continue;
    seen.add(d);
    dids.push(d);
  }

  const ivrName = (i: number): string => `ivr-${i + 1}`;
  const queueNum = (i: number): string => String(400 + i);
  const groupNum = (i: number): string => String(600 + i);
  // Where inbound calls may go: never anything that reaches an outbound route.
  const destination = (): string => {
    const r = rng.float();
    if (r < 0.7) return `ext-local,${rng.pick(exts)},1`;
    if (r < 0.8) return `${ivrName(rng.int(0, ivrs - 1))},s,1`;
    if (r < 0.88) return `ext-queues,${queueNum(rng.int(0, queues - 1))},1`;
    if (r < 0.95) return `ext-group,${groupNum(rng.int(0, ringGroups - 1))},1`;
    return `timeconditions,${rng.int(1, timeConditions)},1`;
  };

  /* ---------------------------------------------------------------- head */
  let h = '';
  h += `; extensions.conf — generated by scripts/bench/generate.ts (seed ${seed}, ${users} users)\n`;
  h += `; Layout follows FreePBX's extensions_additional.conf.\n\n`;
  h += `[general]\nstatic=yes\nwriteprotect=no\nautofallthrough=yes\nclearglobalvars=no\npriorityjumping=no\n\n`;
  h += `[globals]\nRINGTIMER_DEFAULT=20\nVM_PREFIX=*\nVMX_CONTEXT=from-internal\nASTETCDIR=/etc/asterisk\nMIXMON_FORMAT=wav\nCALLFILENAME=\nTRANSFER_CONTEXT=from-internal-xfer\n`;
  for (let t = 0; t < trunks; t++) h += `OUT_${t + 1}=trunk${t + 1}-out\nOUTPREFIX_${t + 1}=\nOUTMAXCHANS_${t + 1}=${rng.pick([10, 23, 30, 46])}\n`;
  h += '\n';

  h += `[macro-user-callerid]\n; Set the caller ID of an internal caller from the AstDB.\n`;
  h += `exten => s,1,Set(TOUCH_MONITOR=\${UNIQUEID})\n`;
  h += ` same => n,Set(AMPUSER=\${IF($["\${DB(AMPUSER/\${CALLERID(num)}/cidnum)}" = ""]?\${CALLERID(num)}:\${DB(AMPUSER/\${CALLERID(num)}/cidnum)})})\n`;
  h += ` same => n,GotoIf($["\${CHANNEL:0:5}" = "Local"]?report)\n`;
  h += ` same => n,ExecIf($["\${REALCALLERIDNUM:1:2}" = ""]?Set(REALCALLERIDNUM=\${CALLERID(number)}))\n`;
  h += ` same => n,Set(AMPUSERCIDNAME=\${DB(AMPUSER/\${AMPUSER}/cidname)})\n`;
  h += ` same => n,GotoIf($["x\${AMPUSERCIDNAME:1:2}" = "x"]?report)\n`;
  h += ` same => n,Set(CALLERID(all)="\${AMPUSERCIDNAME}" <\${AMPUSER}>)\n`;
  h += ` same => n(report),GotoIf($["\${ARG1}" != "SKIPTTL" & "\${ARG1}" != "LIMIT"]?continue)\n`;
  h += ` same => n,Set(__TTL=\${IF($["foo\${TTL}" = "foo"]?64:$[ \${TTL} - 1 ])})\n`;
  h += ` same => n(continue),MacroExit()\n\n`;

  h += `[macro-exten-vm]\nexten => s,1,Macro(user-callerid,)\n`;
  h += ` same => n,Set(RingGroupMethod=none)\n`;
  h += ` same => n,Set(VMBOX=\${ARG1})\n`;
  h += ` same => n,Set(EXTTOCALL=\${ARG2})\n`;
  h += ` same => n,GotoIf($["\${VMBOX}" = "novm"]?novm)\n`;
  h += ` same => n,Set(__PICKUPMARK=\${ARG2})\n`;
  h += ` same => n(novm),MacroExit()\n\n`;

  h += `[macro-vm]\nexten => s,1,Macro(user-callerid,SKIPTTL)\n`;
  h += ` same => n,Set(VMGAIN=\${IF($["foo\${VM_GAIN}"!="foo"]?"g(\${VM_GAIN})":)})\n`;
  h += ` same => n,GotoIf($["\${ARG2}" = "DIRECTDIAL"]?direct)\n`;
  h += ` same => n,VoiceMail(\${ARG1}@default,u\${VMGAIN})\n`;
  h += ` same => n,Hangup()\n`;
  h += ` same => n(direct),VoiceMail(\${ARG1}@default,s\${VMGAIN})\n`;
  h += ` same => n,Hangup()\n\n`;

  h += `[macro-hangupcall]\nexten => s,1,Set(RG_IDX=)\n same => n,GotoIf($["x\${USE_CONFIRMATION}"="x"]?skiprg)\n same => n,Noop(Cleaning Up Confirmation Flag: RG/\${RINGGROUP_INDEX}/\${CHANNEL})\n same => n(skiprg),Hangup()\n\n`;
  h += `[macro-outisbusy]\nexten => s,1,Progress()\n same => n,GotoIf($["\${OUTNUM}" = ""]?nonum)\n same => n,Playback(all-circuits-busy-now&pls-try-call-later,noanswer)\n same => n,Macro(hangupcall,)\n same => n(nonum),Playback(ss-noservice,noanswer)\n same => n,Macro(hangupcall,)\n\n`;

  h += `[sub-record-check]\nexten => s,1,Set(REC_POLICY_MODE_SAVE=\${REC_POLICY_MODE})\n`;
  h += ` same => n,GotoIf($["\${BLINDTRANSFER}" = ""]?check)\n`;
  h += ` same => n,ResetCDR()\n`;
  h += ` same => n(check),ExecIf($["\${ARG1}"="out"]?Set(__REC_POLICY_MODE=\${DB(AMPUSER/\${AMPUSER}/recording/out/external)}))\n`;
  h += ` same => n,GotoIf($["\${REC_POLICY_MODE}" != "always"]?done)\n`;
  h += ` same => n,MixMonitor(\${MIXMON_DIR}\${YEAR}/\${MONTH}/\${DAY}/\${CALLFILENAME}.\${MIXMON_FORMAT},ai(LOCAL_MIXMON_ID),\${MIXMON_POST})\n`;
  h += ` same => n(done),Return()\n\n`;

  h += `[app-blacklist-check]\nexten => s,1,GotoIf($["\${BLACKLIST()}"="1"]?blacklisted)\n same => n,Set(CALLED_BLACKLIST=1)\n same => n,Return()\n same => n(blacklisted),Answer()\n same => n,Wait(1)\n same => n,Zapateller()\n same => n,Playback(ss-noservice)\n same => n,Hangup()\n\n`;

  h += `[from-internal]\n; Phones land here: everything internal plus the outbound routes.\ninclude => from-internal-xfer\ninclude => bad-number\n\n`;
  h += `[from-internal-xfer]\ninclude => app-dnd-on\ninclude => app-dnd-off\ninclude => app-vmmain\ninclude => ext-local\ninclude => ext-group\ninclude => ext-queues\ninclude => outbound-allroutes\nexten => h,1,Macro(hangupcall,)\n\n`;
  h += `[bad-number]\nexten => _X.,1,ResetCDR()\n same => n,Wait(1)\n same => n,Playback(silence/1&cannot-complete-as-dialed&check-number-dial-again,noanswer)\n same => n,Wait(1)\n same => n,Congestion(20)\n same => n,Hangup()\nexten => _*.,1,ResetCDR()\n same => n,Wait(1)\n same => n,Playback(silence/1&feature-not-avail-line&silence/1&cannot-complete-as-dialed,noanswer)\n same => n,Hangup()\n\n`;

  h += `[from-trunk]\n; Calls from the providers (insecure=invite): DIDs only, never the outbound routes.\ninclude => from-pstn\n\n`;
  h += `[from-pstn]\ninclude => ext-did\ninclude => ext-did-catchall\nexten => fax,1,Goto(ext-fax,in_fax,1)\n\n`;
  h += `[ext-did-catchall]\nexten => _X.,1,Set(__FROM_DID=\${EXTEN})\n same => n,Noop(Received an unknown call with DID set to \${EXTEN})\n same => n,Goto(${ivrName(0)},s,1)\nexten => s,1,Set(__FROM_DID=\${EXTEN})\n same => n,Goto(${ivrName(0)},s,1)\n\n`;
  h += `[from-sip-external]\n; Unknown senders (allowguest=no refuses them anyway).\nexten => s,1,Set(TIMEOUT(absolute)=15)\n same => n,Answer()\n same => n,Wait(2)\n same => n,Playback(ss-noservice)\n same => n,Hangup()\nexten => _X.,1,Goto(s,1)\n\n`;
  h += `[ext-fax]\nexten => in_fax,1,Set(FAXFILE=/var/spool/asterisk/fax/\${UNIQUEID}.tif)\n same => n,ReceiveFAX(\${FAXFILE},f)\n same => n,Hangup()\nexten => h,1,System(/usr/local/bin/fax2mail "\${FAXFILE}")\n\n`;
  h += `[app-blackhole]\nexten => hangup,1,Noop(Blackhole Dest: Hangup)\n same => n,Hangup()\nexten => congestion,1,Answer()\n same => n,Playtones(congestion)\n same => n,Congestion(20)\n\n`;

  h += `[app-dnd-on]\nexten => *78,1,Answer()\n same => n,Wait(1)\n same => n,Macro(user-callerid,)\n same => n,Set(DB(DND/\${AMPUSER})=YES)\n same => n,Playback(do-not-disturb&activated)\n same => n,Macro(hangupcall,)\n\n`;
  h += `[app-dnd-off]\nexten => *79,1,Answer()\n same => n,Wait(1)\n same => n,Macro(user-callerid,)\n same => n,Noop(Deleting: DND/\${AMPUSER} \${DB_DELETE(DND/\${AMPUSER})})\n same => n,Playback(do-not-disturb&de-activated)\n same => n,Macro(hangupcall,)\n\n`;
  h += `[app-vmmain]\nexten => *97,1,Answer()\n same => n,Wait(1)\n same => n,Macro(user-callerid,)\n same => n,VoiceMailMain(\${AMPUSER}@default)\n same => n,Macro(hangupcall,)\n\n`;

  // Outbound routes: one context per route, all included by outbound-allroutes.
  const routeDefs: { name: string; patterns: { pat: string; strip: number }[] }[] = [
    { name: 'Emergency', patterns: [{ pat: '911', strip: 0 }, { pat: '9911', strip: 1 }] },
    { name: 'US-Local', patterns: [{ pat: '_NXXNXXXXXX', strip: 0 }, { pat: '_NXXXXXX', strip: 0 }, { pat: '_9NXXNXXXXXX', strip: 1 }] },
    { name: 'US-LD', patterns: [{ pat: '_1NXXNXXXXXX', strip: 0 }, { pat: '_91NXXNXXXXXX', strip: 1 }] },
    { name: 'Toll-Free', patterns: [{ pat: '_1800NXXXXXX', strip: 0 }, { pat: '_1888NXXXXXX', strip: 0 }, { pat: '_1877NXXXXXX', strip: 0 }, { pat: '_1866NXXXXXX', strip: 0 }] },
    { name: 'International', patterns: [{ pat: '_011.', strip: 0 }, { pat: '_9011.', strip: 1 }] },
    { name: 'Services', patterns: [{ pat: '_[2-8]11', strip: 0 }] },
  ];
  const routes = Math.min(routeDefs.length + Math.floor(users / 400), 40);
  let o = '';
  o += `[outbound-allroutes]\ninclude => outbound-allroutes-custom\n`;
  for (let r = 0; r < routes; r++) o += `include => outrt-${r + 1}\n`;
  o += `exten => foo,1,Noop(bar)\n\n[outbound-allroutes-custom]\n\n`;
  for (let r = 0; r < routes; r++) {
    const def = routeDefs[r % routeDefs.length]!;
    const extra = r >= routeDefs.length ? `-${Math.floor(r / routeDefs.length)}` : '';
    const trunk = (r % trunks) + 1;
    o += `[outrt-${r + 1}] ; ${def.name}${extra}\n`;
    const pats = r >= routeDefs.length ? [{ pat: `_8${r}NXXNXXXXXX`, strip: 1 + String(r).length }] : def.patterns;
    for (const { pat, strip } of pats) {
      const num = strip ? `\${EXTEN:${strip}}` : '${EXTEN}';
      o += `exten => ${pat},1,Macro(user-callerid,LIMIT,EXTERNAL,)\n`;
      o += ` same => n,Set(MOHCLASS=\${IF($["\${MOHCLASS}"=""]?default:\${MOHCLASS})})\n`;
      o += ` same => n,ExecIf($["\${KEEPCID}"!="TRUE" & \${LEN(\${TRUNKCIDOVERRIDE})}=0]?Set(TRUNKCIDOVERRIDE=${dids[r % dids.length]}))\n`;
      o += ` same => n,Set(_ROUTENAME=${def.name}${extra})\n`;
      o += ` same => n,Gosub(sub-record-check,s,1(out,\${EXTEN},))\n`;
      o += ` same => n,GotoIf($[\${GROUP_COUNT(OUT_${trunk})} >= \${OUTMAXCHANS_${trunk}}]?busy)\n`;
      o += ` same => n,Set(OUTNUM=\${OUTPREFIX_${trunk}}${num})\n`;
      o += ` same => n,Dial(SIP/\${OUT_${trunk}}/${num},300,T)\n`;
      if (trunks > 1) o += ` same => n,Dial(SIP/\${OUT_${(trunk % trunks) + 1}}/${num},300,T)\n`;
      o += ` same => n(busy),Macro(outisbusy,)\n`;
    }
    o += '\n';
  }
  h += o;

  /* --------------------------------------------------------------- groups */
  const local: Group = { context: 'ext-local', head: '; Extensions\n', blocks: [] };
  for (const x of exts) {
    let b = `exten => ${x},hint,SIP/${x}&Custom:DND${x},CustomPresence:${x}\n`;
    b += `exten => ${x},1,Set(__RINGTIMER=\${IF($["\${DB(AMPUSER/${x}/ringtimer)}" > "0"]?\${DB(AMPUSER/${x}/ringtimer)}:\${RINGTIMER_DEFAULT})})\n`;
    b += ` same => n,Macro(exten-vm,${x},${x},0,0,0)\n`;
    b += ` same => n,Set(__PICKUPMARK=${x})\n`;
    b += ` same => n,GotoIf($["\${DB(DND/${x})}" = "YES"]?dnd)\n`;
    b += ` same => n,Gosub(sub-record-check,s,1(in,${x},dontcare))\n`;
    if (rng.chance(0.25)) b += ` same => n,Set(CALLERID(name)=${rng.pick(DEPTS).toUpperCase()}:\${CALLERID(name)})\n`;
    b += ` same => n(dial),Dial(SIP/${x},\${RINGTIMER},tTr)\n`;
    b += ` same => n,GotoIf($["\${DIALSTATUS}" = "BUSY"]?busy:unavail)\n`;
    b += ` same => n(busy),VoiceMail(${x}@default,b)\n`;
    b += ` same => n,Hangup()\n`;
    b += ` same => n(unavail),VoiceMail(${x}@default,u)\n`;
    b += ` same => n,Hangup()\n`;
    b += ` same => n(dnd),Playback(do-not-disturb)\n`;
    b += ` same => n,Goto(busy)\n`;
    b += `exten => \${VM_PREFIX}${x},1,Macro(vm,${x},DIRECTDIAL,\${IVR_RETVM})\n`;
    b += `exten => vmb${x},1,Macro(vm,${x},BUSY,\${IVR_RETVM})\n`;
    b += `exten => vmu${x},1,Macro(vm,${x},NOANSWER,\${IVR_RETVM})\n`;
    if (rng.chance(0.1)) b += `; ${rng.pick(FIRST)} ${rng.pick(LAST)} moved to ${rng.pick(DEPTS)}\n`;
    local.blocks.push(b);
  }

  const did: Group = { context: 'ext-did', head: '; Inbound routes\n', blocks: [] };
  for (const d of dids) {
    const cid = rng.chance(0.05) ? `/${rng.pick(['212', '312', '415'])}555${rng.digits(4)}` : '';
    let b = `exten => ${d}${cid},1,Set(__FROM_DID=\${EXTEN})\n`;
    b += ` same => n,Gosub(app-blacklist-check,s,1())\n`;
    b += ` same => n,ExecIf($["\${CALLERID(name)}" = ""]?Set(CALLERID(name)=\${CALLERID(num)}))\n`;
    b += ` same => n,Set(CDR(did)=\${FROM_DID})\n`;
    if (rng.chance(0.3)) b += ` same => n,Set(CALLERID(name)=${rng.pick(DEPTS)}:\${CALLERID(name)})\n`;
    b += ` same => n,Goto(${destination()})\n`;
    did.blocks.push(b);
  }

  const ivr: Group = { context: '', head: '', blocks: [] };
  for (let i = 0; i < ivrs; i++) {
    const name = ivrName(i);
    let b = `[${name}] ; ${rng.pick(DEPTS)} menu\n`;
    b += `exten => s,1,Set(IVR_CONTEXT_\${CONTEXT}=\${IVR_CONTEXT})\n`;
    b += ` same => n,Set(_IVR_CONTEXT=\${CONTEXT})\n`;
    b += ` same => n,Set(__IVR_RETVM=)\n`;
    b += ` same => n,GotoIf($["\${CDR(disposition)}" = "ANSWERED"]?skip)\n`;
    b += ` same => n,Answer()\n`;
    b += ` same => n,Wait(1)\n`;
    b += ` same => n(skip),Set(IVR_MSG=custom/${name})\n`;
    b += ` same => n(start),Set(TIMEOUT(digit)=3)\n`;
    b += ` same => n,ExecIf($["\${IVR_MSG}" != ""]?Background(\${IVR_MSG}))\n`;
    b += ` same => n,WaitExten(10,)\n`;
    const options = rng.int(3, 8);
    for (let k = 1; k <= options; k++) {
      const dest = k === 1 && i + 1 < ivrs ? `${ivrName(i + 1)},s,1` : destination();
      b += `exten => ${k},1,Set(__ivrreturn=0)\n same => n,Goto(${dest})\n`;
    }
    b += `exten => 0,1,Goto(ext-local,${exts[0]},1)\n`;
    b += `exten => i,1,Playback(invalid)\n same => n,Goto(${name},s,start)\n`;
    b += `exten => t,1,Set(IVR_MSG=)\n same => n,Goto(${name},s,start)\n`;
    b += `exten => hang,1,Playback(vm-goodbye)\n same => n,Hangup()\n`;
    b += `exten => h,1,Hangup()\n\n`;
    ivr.blocks.push(b);
  }

  /* ----------------------------------------------------------------- tail */
  let t = '';
  t += `[ext-queues]\n`;
  for (let q = 0; q < queues; q++) {
    const n = queueNum(q);
    t += `exten => ${n},1,Macro(user-callerid,)\n`;
    t += ` same => n,Answer()\n`;
    t += ` same => n,Set(__BLKVM_OVERRIDE=BLKVM/\${EXTEN}/\${CHANNEL})\n`;
    t += ` same => n,Set(__BLKVM_BASE=\${EXTEN})\n`;
    t += ` same => n,ExecIf($["\${QCIDPP}" != ""]?Set(CALLERID(name)=Q${n}:\${CALLERID(name)}))\n`;
    t += ` same => n,Set(QUEUEJOINTIME=\${EPOCH})\n`;
    t += ` same => n,Queue(${n},t,,,${rng.pick([60, 120, 300])})\n`;
    t += ` same => n,Goto(ext-local,${rng.pick(exts)},1)\n`;
    t += `exten => ${n}*,1,Macro(agent-add,${n},)\n`;
    t += `exten => ${n}**,1,Macro(agent-del,${n},)\n`;
  }
  t += `\n[macro-agent-add]\nexten => s,1,Wait(1)\n same => n,Macro(user-callerid,SKIPTTL)\n same => n,AddQueueMember(\${ARG1},Local/\${AMPUSER}@from-internal/n)\n same => n,Playback(agent-loginok)\n same => n,Hangup()\n\n`;
  t += `[macro-agent-del]\nexten => s,1,Wait(1)\n same => n,Macro(user-callerid,SKIPTTL)\n same => n,RemoveQueueMember(\${ARG1},Local/\${AMPUSER}@from-internal/n)\n same => n,Playback(agent-loggedoff)\n same => n,Hangup()\n\n`;

  t += `[ext-group]\n`;
  for (let g = 0; g < ringGroups; g++) {
    const members = Array.from({ length: rng.int(2, 6) }, () => `SIP/${rng.pick(exts)}`);
    const n = groupNum(g);
    t += `exten => ${n},1,Macro(user-callerid,)\n`;
    t += ` same => n,Set(RingGroupMethod=${rng.pick(['ringall', 'hunt', 'memoryhunt'])})\n`;
    t += ` same => n,GotoIf($["foo\${RGPREFIX}" = "foo"]?REPCID)\n`;
    t += ` same => n,Set(CALLERID(name)=\${RGPREFIX}\${CALLERID(name)})\n`;
    t += ` same => n(REPCID),Set(__RGPREFIX=RG${n}:)\n`;
    t += ` same => n(DIALGRP),Dial(${[...new Set(members)].join('&')},${rng.pick([15, 20, 30])},tr)\n`;
    t += ` same => n,Set(RingGroupMethod=)\n`;
    t += ` same => n,Goto(ext-local,vmu${rng.pick(exts)},1)\n`;
  }
  t += '\n';

  t += `[timeconditions]\n`;
  for (let c = 1; c <= timeConditions; c++) {
    const open = ivrName(rng.int(0, ivrs - 1));
    t += `exten => ${c},1,GotoIfTime(08:00-18:00,mon-fri,*,*?truestate)\n`;
    t += ` same => n,GotoIfTime(09:00-13:00,sat,*,*?truestate)\n`;
    t += ` same => n,Set(TCSTATE=false)\n`;
    t += ` same => n,Goto(tc-closed-${c},s,1)\n`;
    t += ` same => n(truestate),Set(TCSTATE=true)\n`;
    t += ` same => n,Goto(${open},s,1)\n`;
  }
  t += '\n';
  for (let c = 1; c <= timeConditions; c++) {
    t += `[tc-closed-${c}]\n`;
    t += `include => tc-holiday-${c},*,*,25,dec\n`;
    t += `include => tc-holiday-${c},*,*,1,jan\n`;
    t += `exten => s,1,Playback(custom/closed)\n same => n,Goto(ext-local,vmu${rng.pick(exts)},1)\n\n`;
    t += `[tc-holiday-${c}]\nexten => s,1,Playback(custom/holiday)\n same => n,Hangup()\n\n`;
  }
  t += `; end of generated dialplan\n`;

  /* ------------------------------------------------------------------ sip */
  let s = '';
  s += `; sip.conf — generated by scripts/bench/generate.ts (seed ${seed}, ${users} users)\n\n`;
  s += `[general]\ncontext=from-sip-external\nallowguest=no\nalwaysauthreject=yes\nudpbindaddr=0.0.0.0\ntcpenable=no\nsrvlookup=yes\nuseragent=FPBX-bench\nlanguage=en\n`;
  const trunkDids: string[] = [];
  for (let k = 0; k < trunks; k++) {
    const d = dids[k]!;
    trunkDids.push(d);
    s += `register => acct${k + 1}:${rng.secret(12)}@sip.provider${k + 1}.example/${d}\n`;
  }
  s += '\n';
  for (let k = 0; k < trunks; k++) {
    s += `[trunk${k + 1}-in]\n; Calls from provider ${k + 1}: matched by address, not challenged.\ntype=peer\nhost=sip.provider${k + 1}.example\ninsecure=port,invite\ncontext=from-trunk\ndisallow=all\nallow=ulaw,alaw\n\n`;
    s += `[trunk${k + 1}-out]\ntype=peer\nhost=sip.provider${k + 1}.example\nfromuser=acct${k + 1}\ndefaultuser=acct${k + 1}\nsecret=${rng.secret(14)}\nqualify=yes\ndisallow=all\nallow=ulaw,alaw\n\n`;
  }
  s += `[phone](!)\n; Settings every desk phone shares.\ntype=friend\nhost=dynamic\ncontext=from-internal\ndisallow=all\nallow=ulaw,alaw,g722\nnat=force_rport,comedia\ndtmfmode=rfc2833\nqualify=yes\ndirectmedia=no\ncall-limit=4\n\n`;
  const sipDevices: string[] = [];
  for (const x of exts) {
    const name = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
    let d = `[${x}](phone)\nsecret=${rng.secret(16)}\ncallerid="${name}" <${x}>\nmailbox=${x}@default\naccountcode=${rng.pick(DEPTS)}\n`;
    if (rng.chance(0.15)) d += `nat=no\n`;
    if (rng.chance(0.1)) d += `callgroup=${rng.int(1, 9)}\npickupgroup=${rng.int(1, 9)}\n`;
    sipDevices.push(d + '\n');
  }

  return { extHead: h, groups: [local, did, ivr], extTail: t, sipHead: s, sipDevices };
}

/* ------------------------------------------------------------------------ */
/* Rendering                                                                 */
/* ------------------------------------------------------------------------ */

function renderGroup(g: Group, blocks: string[], first: boolean): string {
  if (!g.context) return blocks.join('');
  return `[${g.context}]\n${first ? g.head : ''}${blocks.join('')}\n`;
}

function renderSingle(p: PbxParts): { ext: string; sip: string } {
  const ext = p.extHead + p.groups.map((g) => renderGroup(g, g.blocks, true)).join('') + p.extTail;
  const sip = p.sipHead + p.sipDevices.join('');
  return { ext, sip };
}

const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

function assemble(name: string, dir: string, files: Record<string, string>, users: number): GeneratedWorkspace {
  const paths = Object.keys(files).sort();
  let extensionsBytes = 0;
  let totalBytes = 0;
  for (const p of paths) {
    const b = utf8Bytes(files[p]!);
    totalBytes += b;
    if (!path.basename(p).startsWith('sip')) extensionsBytes += b;
  }
  return { name, dir, files, paths, extensionsPath: path.join(dir, 'extensions.conf'), sipPath: path.join(dir, 'sip.conf'), users, extensionsBytes, totalBytes };
}

/** Number of users whose extensions.conf is closest to `targetBytes` (deterministic). */
const usersMemo = new Map<string, number>();

export function usersForBytes(targetBytes: number, seed = DEFAULT_SEED): number {
  const key = `${targetBytes}:${seed}`;
  const hit = usersMemo.get(key);
  if (hit !== undefined) return hit;
  const n = fitUsers(targetBytes, seed);
  usersMemo.set(key, n);
  return n;
}

function fitUsers(targetBytes: number, seed: number): number {
  const size = (n: number): number => utf8Bytes(renderSingle(buildPbx(n, seed)).ext);
  // Size grows about linearly with the number of users: fit on two points, then refine.
  const a = size(20);
  const b = size(120);
  const per = (b - a) / 100;
  let n = Math.max(1, Math.round(20 + (targetBytes - a) / per));
  for (let i = 0; i < 3; i++) {
    const got = size(n);
    if (Math.abs(got - targetBytes) / targetBytes < 0.01) break;
    n = Math.max(1, Math.round(n + (targetBytes - got) / per));
  }
  return n;
}

/** One tier: extensions.conf of about `tier.bytes` plus its sip.conf, in a virtual config dir. */
export function generateTier(tier: TierSpec, seed = DEFAULT_SEED, dir = path.join(path.sep, 'bench', tier.name)): GeneratedWorkspace {
  const users = usersForBytes(tier.bytes, seed);
  const { ext, sip } = renderSingle(buildPbx(users, seed));
  return assemble(tier.name, dir, { [path.join(dir, 'extensions.conf')]: ext, [path.join(dir, 'sip.conf')]: sip }, users);
}

function chunks<T>(items: T[], n: number): T[][] {
  const out: T[][] = [];
  const size = Math.ceil(items.length / n);
  for (let i = 0; i < n; i++) out.push(items.slice(i * size, (i + 1) * size));
  return out;
}

/**
 * The same PBX spread over `fileCount` files the way FreePBX splits it:
 * extensions.conf and sip.conf #include the [ext-local], [ext-did], IVR and
 * device files (each included file reopens its section; Asterisk merges them).
 */
export function generateIncludeWorkspace(targetBytes = 250_000, fileCount = 30, seed = DEFAULT_SEED, dir = path.join(path.sep, 'bench', 'include')): GeneratedWorkspace {
  const users = usersForBytes(targetBytes, seed);
  const p = buildPbx(users, seed);
  const files: Record<string, string> = {};
  const included = fileCount - 2;
  // Share of the included files: ext-local 40%, ext-did 20%, IVRs 10%, sip devices the rest.
  const nLocal = Math.max(1, Math.round(included * 0.4));
  const nDid = Math.max(1, Math.round(included * 0.2));
  const nIvr = Math.max(1, Math.round(included * 0.1));
  const nSip = Math.max(1, included - nLocal - nDid - nIvr);
  const [local, did, ivr] = p.groups as [Group, Group, Group];
  let ext = p.extHead;
  const parts: [Group, number, string][] = [
    [local, nLocal, 'extensions_local'],
    [did, nDid, 'extensions_did'],
    [ivr, nIvr, 'extensions_ivr'],
  ];
  for (const [g, n, base] of parts) {
    chunks(g.blocks, n).forEach((blocks, i) => {
      const name = `${base}_${String(i + 1).padStart(2, '0')}.conf`;
      files[path.join(dir, name)] = `; ${name} — included by extensions.conf\n` + renderGroup(g, blocks, i === 0);
      ext += `#include ${name}\n`;
    });
    ext += '\n';
  }
  ext += p.extTail;
  let sip = p.sipHead;
  chunks(p.sipDevices, nSip).forEach((devices, i) => {
    const name = `sip_users_${String(i + 1).padStart(2, '0')}.conf`;
    files[path.join(dir, name)] = `; ${name} — included by sip.conf\n` + devices.join('');
    sip += `#include ${name}\n`;
  });
  files[path.join(dir, 'extensions.conf')] = ext;
  files[path.join(dir, 'sip.conf')] = sip;
  return assemble(`${Math.round(targetBytes / 1000)}KB×${fileCount} files`, dir, files, users);
}

/* ------------------------------------------------------------------------ */
/* Simulate contexts                                                         */
/* ------------------------------------------------------------------------ */

/**
 * A dialplan with one context of `count` extensions of realistic shapes: about
 * 60% internal extensions (4–5 digits), 35% DIDs (10 digits, some with a
 * caller-ID match), 3% feature codes and 2% (at least 8) dial patterns.
 */
export function simulateContextText(count: number, seed = DEFAULT_SEED, context = `sim-${count}`): string {
  const rng = new Rng(seed ^ count);
  const names = new Set<string>();
  const lines: string[] = [`[${context}]`];
  const add = (name: string, app: string): void => {
    if (names.has(name)) return;
    names.add(name);
    lines.push(`exten => ${name},1,${app}`);
    lines.push(` same => n,Hangup()`);
  };
  const patterns = ['_NXXNXXXXXX', '_1NXXNXXXXXX', '_011.', '_9NXXXXXX', '_[2-8]11', '_*X.', '_X.', '_00XX.', '_+1NXXNXXXXXX', '_44XXXXXXXXXX'];
  const nPatterns = Math.max(8, Math.round(count * 0.02));
  for (let i = 0; names.size < nPatterns; i++) {
    const base = patterns[i % patterns.length]!;
    // Beyond the common shapes: prefix routes like FreePBX's route prefixes (_8<n>NXX…).
    add(i < patterns.length ? base : `_8${i}NXXNXXXXXX`, `Dial(SIP/trunk1-out/\${EXTEN},300,T)`);
  }
  const nFeatures = Math.max(2, Math.round(count * 0.03));
  while (names.size < nPatterns + nFeatures) add(`*${rng.int(20, 99)}${rng.chance(0.5) ? rng.int(0, 9) : ''}`, 'Answer()');
  const nDids = Math.round(count * 0.35);
  while (names.size < nPatterns + nFeatures + nDids) {
    const did = rng.pick(['212', '312', '415', '617']) + '555' + rng.digits(4);
    add(rng.chance(0.05) ? `${did}/_NXXNXXXXXX` : did, `Goto(${1000 + rng.int(0, 999)},1)`);
  }
  const base = count > 5000 ? 10000 : 1000;
  let x = 0;
  while (names.size < count) add(String(base + x++), `Dial(SIP/${base + x},20)`);
  return lines.join('\n') + '\n';
}

/** Dialed numbers of the shapes phones and trunks send (hits and misses), with an optional caller ID. */
export function simulateQueries(count: number, contextSize: number, seed = DEFAULT_SEED): { exten: string; callerId?: string }[] {
  const rng = new Rng(seed * 31 + count);
  const base = contextSize > 5000 ? 10000 : 1000;
  const out: { exten: string; callerId?: string }[] = [];
  for (let i = 0; i < count; i++) {
    const r = rng.float();
    let exten: string;
    if (r < 0.4) exten = String(base + rng.int(0, Math.round(contextSize * 0.7)));
    else if (r < 0.65) exten = rng.pick(['212', '312', '415', '617', '720']) + rng.pick(['555', '556']) + rng.digits(4);
    else if (r < 0.8) exten = '1' + rng.pick(['212', '800', '646', '303']) + rng.int(2, 9) + rng.digits(6);
    else if (r < 0.87) exten = '011' + rng.pick(['44', '49', '33', '81']) + rng.digits(rng.int(8, 10));
    else if (r < 0.92) exten = rng.pick(['911', '411', '611', '*97', '*78', '*79']);
    else if (r < 0.97) exten = '9' + rng.int(2, 9) + rng.digits(6);
    else exten = rng.pick(['s', 'h', 'i', '0', '00', '#']);
    out.push(rng.chance(0.3) ? { exten, callerId: rng.pick(['212', '415']) + '555' + rng.digits(4) } : { exten });
  }
  return out;
}
