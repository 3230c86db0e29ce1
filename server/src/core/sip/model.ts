/**
 * sip.conf as chan_sip (Asterisk 20, branch 20) reads it: `reload_config`,
 * `build_peer`, `set_insecure_flags`, `sip_register`. [general] settings and
 * register lines, then one device per non-template section (repeated sections
 * layered onto the same device, templates applied).
 */
import { pushLoadProblem, type Diagnostic, type Severity } from '../diagnostic';
import { isTrue } from '../config/booleans';
import { startsWithItems, type Category, type LoadedConfig, type Variable } from '../config/loader';
import type { Range } from '../parse/parser';
import { CHECKED_SIP_OPTIONS, checkSipOption, parseInsecure } from './options';
import { parseRegisterLine, type RegisterEntry, type RegisterFields } from './register-line';
import { runToEnd, type Steps } from '../steps';
import { lowerCase } from '../text/case';

export interface SipRegistration {
  value: string;
  variable: Variable;
  entry?: RegisterEntry;
  fields: RegisterFields;
  /** Source offset of the value's first character (fields are relative to it). */
  valueStart: number;
  /** True when the value maps 1:1 onto the source, so field offsets are exact. */
  exact: boolean;
}

export interface SipDevice {
  name: string;
  sections: Category[];
  type: string;
  peer: boolean;
  user: boolean;
  /** Effective variables in order (templates first, later sections after); a device of one section shares its list. */
  vars: readonly Variable[];
  /** The last variable of each option in KNOWN_OPTIONS, by slot: the checks look these up without reading vars. */
  known: (Variable | undefined)[];
  /** One bit per other option name present (see keyBit): deviceVar answers "not set" without a scan. */
  keyBits: number;
}

/** The options the checks look up (slot numbers of SipDevice.known). */
const KNOWN_OPTIONS = new Map(['type', 'secret', 'md5secret', 'remotesecret', 'password', 'context', 'host', 'insecure', 'fromuser', 'defaultuser', 'username'].map((k, i) => [k, i]));
const TYPE_SLOT = KNOWN_OPTIONS.get('type')!;

/** A bit for any other option name (lower-cased), from its length and end characters. */
function keyBit(key: string): number {
  return 1 << ((key.length * 7 + key.charCodeAt(0) + 3 * key.charCodeAt(key.length - 1)) & 31);
}

export interface SipGeneral {
  context: string;
  contextVar?: Variable;
  allowguest: boolean;
  allowguestVar?: Variable;
  alwaysauthreject: boolean;
  section?: Category;
}

export interface SipConfig {
  general: SipGeneral;
  /** Devices by lower-case name. */
  devices: Map<string, SipDevice>;
  registrations: SipRegistration[];
  diagnostics: Diagnostic[];
  config: LoadedConfig;
}

/** Last value of an option (ci), as ast_variable_retrieve returns it. */
export function deviceVar(d: SipDevice, name: string): Variable | undefined {
  // The checks ask for the options by their lower-case names: those need no lower-casing.
  let slot = KNOWN_OPTIONS.get(name);
  if (slot !== undefined) return d.known[slot];
  const key = name.toLowerCase();
  slot = KNOWN_OPTIONS.get(key);
  if (slot !== undefined) return d.known[slot];
  // A device has a few dozen options at most: a backward scan beats building an index per device.
  if ((d.keyBits & keyBit(key)) === 0) return undefined; // most devices lack most options, and a scan would read them all
  const vars = d.vars;
  for (let i = vars.length - 1; i >= 0; i--) if (vars[i]!.key === key) return vars[i];
  return undefined;
}

export function deviceValue(d: SipDevice, name: string): string | undefined {
  return deviceVar(d, name)?.value;
}

/** Does the device authenticate callers (non-empty secret or md5secret)? */
export function hasInboundSecret(d: SipDevice): boolean {
  return !!(deviceValue(d, 'secret') || deviceValue(d, 'md5secret'));
}

export function insecureOf(d: SipDevice): { port: boolean; invite: boolean } {
  const v = deviceVar(d, 'insecure');
  if (!v) return { port: false, invite: false };
  const r = parseInsecure(v.value);
  return { port: r.port, invite: r.invite };
}

export function isDynamic(d: SipDevice): boolean {
  return lowerCase(deviceValue(d, 'host') ?? '') === 'dynamic';
}

/** The state of one buildSipConfig (module functions rather than closures: compiled once, not per build). */
interface SipBuild {
  diagnostics: Diagnostic[];
  registrations: SipRegistration[];
  /** Transport checks depend on [general] tcpenable/tlsenable, wherever they are written. */
  tcpEnabled: boolean;
  tlsEnabled: boolean;
}

export function buildSipConfig(config: LoadedConfig): SipConfig {
  return runToEnd(buildSipConfigSteps(config));
}

/** Sections or devices read between two steps of buildSipConfigSteps. */
const SECTIONS_PER_STEP = 512;

/** buildSipConfig in steps: it yields every SECTIONS_PER_STEP sections and devices (see Workspace.analyzeSteps). */
export function* buildSipConfigSteps(config: LoadedConfig): Steps<SipConfig> {
  const b: SipBuild = { diagnostics: [], registrations: [], tcpEnabled: false, tlsEnabled: false };
  const general: SipGeneral = { context: 'default', allowguest: true, alwaysauthreject: true };
  const devices = new Map<string, SipDevice>();
  for (const cat of config.categories) {
    if (cat.template || !isGeneral(cat.name)) continue;
    for (const v of cat.vars) {
      if (v.key === 'tcpenable') b.tcpEnabled = isTrue(v.value);
      if (v.key === 'tlsenable') b.tlsEnabled = isTrue(v.value);
    }
  }
  let n = 0;
  for (const cat of config.categories) {
    if (!cat.template) addSection(b, general, devices, cat);
    if (++n % SECTIONS_PER_STEP === 0) yield;
  }
  for (const [key, dev] of devices) {
    if (!checkDevice(b, dev)) devices.delete(key);
    if (++n % SECTIONS_PER_STEP === 0) yield;
  }
  // Options written in templates: check them once, where they are written.
  for (const cat of config.categories) {
    if (!cat.template) continue;
    for (const v of cat.vars) if (!v.inheritedFrom) checkOption(b, v, cat.name, 'device');
  }

  return { general, devices, registrations: b.registrations, diagnostics: b.diagnostics, config };
}

/** Is this section name [general] (any case)? Most are device names: their length says no at once. */
function isGeneral(name: string): boolean {
  return name.length === 7 && name.toLowerCase() === 'general';
}

/** One section that is not a template: [general], [authentication] or (a part of) a device. */
function addSection(b: SipBuild, general: SipGeneral, devices: Map<string, SipDevice>, cat: Category): void {
  const lname = lowerCase(cat.name);
  if (lname === 'general') {
    general.section ??= cat;
    for (const v of cat.vars) {
      const key = v.key;
      if (key === 'context') {
        general.context = v.value;
        general.contextVar = v;
      } else if (key === 'allowguest') {
        general.allowguest = isTrue(v.value);
        general.allowguestVar = v;
      } else if (key === 'alwaysauthreject') {
        general.alwaysauthreject = isTrue(v.value);
      } else if (key === 'register') {
        addRegistration(b, v);
      } else {
        checkOption(b, v, 'general', 'general');
      }
    }
    return;
  }
  if (lname === 'authentication') {
    for (const v of cat.vars) {
      if (v.key !== 'auth') continue;
      if (!/^[^:#@]+(?::[^@]*|#[^@]+)?@.+$/.test(v.value)) {
        pushLoadProblem(b.diagnostics, v.file, v.node.range, 'warning', 'malformed-auth', `An auth entry is user[:secret]@realm or user#md5secret@realm: chan_sip ignores this one.`, `Format for authentication entry is user[:secret]@realm at line ${v.lineNo}`);
      }
    }
    return;
  }
  let dev = devices.get(lname);
  if (!dev) {
    const known = new Array<Variable | undefined>(KNOWN_OPTIONS.size).fill(undefined);
    dev = { name: cat.name, sections: [], type: '', peer: false, user: false, vars: [], known, keyBits: 0 };
    devices.set(lname, dev);
  }
  // A device of one section (nearly all) shares that section's variables; a second section gets it a list of its own.
  if (dev.sections.length === 0) dev.vars = cat.vars;
  else dev.vars = dev.vars.concat(cat.vars);
  dev.sections.push(cat);
  const vars = cat.vars;
  let from = 0;
  const first = vars[0];
  if (first !== undefined && first.inheritedFrom !== undefined) {
    // The variables a template gives are the same objects in every section built on it: what they set is
    // worked out once per template (checked object by object, so a += that replaced one is seen).
    let s = inheritedSummaries.get(first);
    if (s === undefined || !startsWithItems(vars, s.vars)) {
      let k = 0;
      while (k < vars.length && vars[k]!.inheritedFrom !== undefined) k++;
      s = summarize(vars.slice(0, k));
      inheritedSummaries.set(first, s);
    }
    for (let slot = 0; slot < s.known.length; slot++) if (s.known[slot] !== undefined) dev.known[slot] = s.known[slot];
    dev.keyBits |= s.bits.keyBits;
    if (s.bits.peer) dev.peer = true;
    if (s.bits.user) dev.user = true;
    from = s.vars.length;
  }
  noteOptions(dev, vars, from, dev.known);
}

/** What a run of inherited variables sets: the last of each known option, the other names' bits, the type bits. */
interface InheritedSummary {
  vars: readonly Variable[];
  known: (Variable | undefined)[];
  bits: { keyBits: number; peer: boolean; user: boolean };
}
const inheritedSummaries = new WeakMap<Variable, InheritedSummary>();

function summarize(vars: readonly Variable[]): InheritedSummary {
  const known = new Array<Variable | undefined>(KNOWN_OPTIONS.size).fill(undefined);
  const bits = { keyBits: 0, peer: false, user: false };
  noteOptions(bits, vars, 0, known);
  return { vars, known, bits };
}

/** Record vars[from…] in `known` (the last of each option the checks look up) and in the other names' and type bits. */
function noteOptions(into: { keyBits: number; peer: boolean; user: boolean }, vars: readonly Variable[], from: number, known: (Variable | undefined)[]): void {
  for (let i = from; i < vars.length; i++) {
    const v = vars[i]!;
    const slot = KNOWN_OPTIONS.get(v.key);
    if (slot === undefined) into.keyBits |= keyBit(v.key);
    else {
      known[slot] = v;
      if (slot === TYPE_SLOT) {
        // Type bits accumulate across repeated sections (kept only if the last type= is valid, below).
        const tv = lowerCase(v.value);
        if (tv === 'peer' || tv === 'friend') into.peer = true;
        if (tv === 'user' || tv === 'friend') into.user = true;
      }
    }
  }
}

/** A device's type and options; false when chan_sip skips it (no type, or an unknown one). */
function checkDevice(b: SipBuild, dev: SipDevice): boolean {
  const typeVar = deviceVar(dev, 'type');
  const header = dev.sections[0]!;
  if (!typeVar) {
    pushLoadProblem(b.diagnostics, header.file, header.header.nameRange, 'warning', 'device-missing-type', `[${dev.name}] has no type= (nor from a template): chan_sip skips this section. Add type=friend, type=peer or type=user.`, `Section '${dev.name}' lacks type`);
    return false;
  }
  const t = lowerCase(typeVar.value);
  if (t !== 'friend' && t !== 'peer' && t !== 'user') {
    pushLoadProblem(b.diagnostics, typeVar.file, typeVar.node.valueRange, 'error', 'device-unknown-type', `type=${typeVar.value} is not friend, peer or user: chan_sip skips [${dev.name}] entirely.`, `Unknown type '${typeVar.value}' for '${dev.name}' in sip.conf`);
    return false;
  }
  dev.type = t;
  for (const v of dev.vars) {
    if (v.inheritedFrom) continue; // reported once, on the template's own line
    checkOption(b, v, dev.name, 'device');
  }
  return true;
}

function checkOption(b: SipBuild, v: Variable, owner: string, section: 'general' | 'device'): void {
  const key = v.key;
  if (key === 'insecure' || key === 'type' || key === 'register') return; // own rules
  if (!CHECKED_SIP_OPTIONS.has(key)) return; // secret, callerid, mailbox…: nothing to say, whatever the value
  for (const m of checkSipOption(key, v.value, { line: v.lineNo, peer: owner, section, tcpEnabled: b.tcpEnabled, tlsEnabled: b.tlsEnabled })) {
    const severity: Severity = m.level === 'ERROR' || m.dropsPeer ? 'error' : m.level === 'NOTICE' ? 'information' : 'warning';
    const code = m.level === 'NOTICE' && /deprecated/i.test(m.text) ? 'deprecated-option' : 'invalid-option-value';
    const target = key === 'username' ? v.node.nameRange : v.node.valueRange.start === v.node.valueRange.end ? v.node.range : v.node.valueRange;
    pushLoadProblem(b.diagnostics, v.file, target, severity, code, `${v.name}=${v.value}: ${m.text}${m.dropsPeer ? ` (chan_sip drops ${owner})` : ''}`, m.text);
  }
}

function addRegistration(b: SipBuild, v: Variable): void {
  const vr = v.node.valueRange;
  const exact = vr.end - vr.start === v.value.length;
  const res = parseRegisterLine(v.value, v.lineNo);
  const reg: SipRegistration = { value: v.value, variable: v, fields: res.fields, valueStart: vr.start, exact };
  const at = (s: number, e: number): Range => (exact ? { start: vr.start + s, end: vr.start + Math.max(e, s + 1) } : vr);
  for (const w of res.warnings) pushLoadProblem(b.diagnostics, v.file, at(w.start, w.end), 'warning', 'register-warning', w.text, w.text);
  if (!res.ok) {
    pushLoadProblem(b.diagnostics, v.file, vr.start === vr.end ? v.node.range : vr, 'error', 'malformed-register', `This register line cannot be parsed, so chan_sip never registers it. ${res.error.replace(/ at line \d+$/, '')}.`, res.error);
    b.registrations.push(reg);
    return;
  }
  reg.entry = res.reg;
  if (b.registrations.some((r) => r.value === v.value)) return; // an identical line is ignored
  b.registrations.push(reg);
}
