/**
 * The facade of the pure core: a set of Asterisk config files read through an
 * injected host, parsed once per text, loaded as Asterisk loads them and
 * analyzed by every rule. The CLI, the language server and the tests use this.
 */
import * as path from 'node:path';
import type { Diagnostic, Severity } from './diagnostic';
import type { ConfigHost } from './host';
import { hasGlobMagic, loadConfig, resolveIncludeName, type LoadedConfig } from './config/loader';
import { parseConfig, parseConfigSteps, reparseConfig, type ParsedFile } from './parse/parser';
import { buildDialplan, buildDialplanSteps, type Dialplan } from './dialplan/model';
import { buildSipConfigSteps, type SipConfig } from './sip/model';
import { prepareRules, RULES, runRule, type RuleContext } from './rules/index';
import { applySuppressions } from './rules/suppression';
import { runToEnd, type Steps } from './steps';

export type FileKind = 'sip' | 'extensions' | 'pjsip' | 'generic';

/** File kind from the base name; a trailing `.sample` is ignored. */
export function fileKindOf(file: string): FileKind {
  const base = path.basename(file).toLowerCase().replace(/\.sample$/, '');
  if (!base.endsWith('.conf')) return 'generic';
  if (base.startsWith('pjsip')) return 'pjsip';
  if (base.startsWith('sip')) return 'sip';
  if (base.startsWith('extensions')) return 'extensions';
  return 'generic';
}

export type SeverityOverride = Severity | 'off';

export interface WorkspaceOptions {
  /** Asterisk's config directory: relative #include names resolve against it. */
  configDir: string;
  host: ConfigHost;
  /** Per-code severity overrides (settings `asterisk.diagnostics.<code>`). */
  severities?: Record<string, SeverityOverride>;
  /** Decide a file's kind (default: from its base name, see fileKindOf). */
  kindOf?: (file: string) => FileKind;
}

export interface RootResult {
  file: string;
  kind: FileKind;
  config: LoadedConfig;
  sip?: SipConfig;
  dialplan?: Dialplan;
}

export interface Analysis {
  roots: RootResult[];
  /** The sip.conf the rules use (sip.conf if present, else the first sip root). */
  sip?: SipConfig;
  /** The dialplan the rules use (extensions.conf if present, else all extensions roots merged). */
  dialplan?: Dialplan;
  diagnostics: Diagnostic[];
  /** Text of every file read, by path. */
  texts: Map<string, string>;
}

export class Workspace {
  private readonly parsed = new Map<string, { text: string; parsed: ParsedFile }>();
  private readonly overlays = new Map<string, string>();
  private readonly loads = new Map<string, { config: LoadedConfig; texts: [string, string][] }>();
  private readonly models = new Map<string, RootResult>();

  constructor(public options: WorkspaceOptions) {}

  /** Text of an open editor buffer, preferred over the file on disk; undefined to drop it. */
  setOverlay(file: string, text: string | undefined): void {
    if (text === undefined) this.overlays.delete(file);
    else this.overlays.set(file, text);
  }

  readText(file: string): string | undefined {
    return this.overlays.get(file) ?? this.options.host.readFile(file);
  }

  /** Parse a file's text, reusing the last parse when the text is unchanged and its untouched lines after an edit. */
  parse(file: string, text: string): ParsedFile {
    const hit = this.parsed.get(file);
    if (hit && hit.text === text) return hit.parsed;
    const parsed = hit ? reparseConfig(hit.parsed, text) : parseConfig(text);
    this.parsed.set(file, { text, parsed });
    return parsed;
  }

  /** parse in steps: a file seen for the first time is parsed a chunk of lines at a time. */
  private *parseSteps(file: string, text: string): Steps<void> {
    if (this.parsed.has(file)) {
      this.parse(file, text); // unchanged, or an edit: quick either way
      return;
    }
    this.parsed.set(file, { text, parsed: yield* parseConfigSteps(text) });
  }

  /** The last load of a file, reused while every file it read has the same text. */
  private loadCached(file: string, read: (f: string) => string | undefined): LoadedConfig {
    const prev = this.loads.get(file);
    if (prev && prev.texts.every(([f, t]) => read(f) === t) && this.includesUnchanged(prev.config, read)) return prev.config;
    const config = this.load(file, read);
    this.loads.set(file, { config, texts: config.files.map((f) => [f, read(f) ?? '']) });
    return config;
  }

  /** Do the #include lines still find the same files (a glob may match a new file, a missing file may appear)? */
  private includesUnchanged(config: LoadedConfig, read: (f: string) => string | undefined): boolean {
    for (const rec of config.includes) {
      if (rec.kind === 'exec' || rec.directive.arg === undefined) continue;
      const resolved = resolveIncludeName(rec.directive.arg, this.options.configDir);
      if (hasGlobMagic(rec.directive.arg)) {
        const now = this.options.host.glob(resolved).filter((f) => read(f) !== undefined);
        if (now.length !== rec.targets.length || now.some((f, i) => f !== rec.targets[i])) return false;
      } else if (rec.targets.length === 0 && read(resolved) !== undefined) return false;
    }
    return true;
  }

  /** Load a file as Asterisk does; `read` (default: editor buffers, then the host) supplies texts. */
  load(file: string, read?: (f: string) => string | undefined): LoadedConfig {
    return loadConfig(file, {
      configDir: this.options.configDir,
      host: this.options.host,
      parse: (f, t) => this.parse(f, t),
      overlay: read ?? ((f) => this.overlays.get(f)),
    });
  }

  /** Load and analyze a set of files (typically every *.conf of the config dir). */
  analyze(files: string[]): Analysis {
    return runToEnd(this.analyzeSteps(files));
  }

  /**
   * The same analysis in steps: it yields after each chunk of lines parsed,
   * each file loaded, each context section built and each rule, so that a
   * caller (the language server) can spread a large check over several turns of
   * its event loop and drop it when a newer edit arrives. Abandoning it midway
   * leaves the caches consistent.
   */
  *analyzeSteps(files: string[]): Steps<Analysis> {
    const unique = [...new Set(files.map((f) => path.normalize(f)))];
    const loaded = new Map<string, LoadedConfig>();
    // Each file is read once per analysis (editor buffer or host), by the cache check and the loader alike.
    const reads = new Map<string, string | undefined>();
    const read = (f: string): string | undefined => {
      if (!reads.has(f)) reads.set(f, this.readText(f));
      return reads.get(f);
    };
    const texts = new Map<string, string>();
    const textOf = (f: string): string => {
      let t = texts.get(f);
      if (t === undefined) texts.set(f, (t = read(f) ?? ''));
      return t;
    };
    // Parse first, a chunk at a time (the loader then finds every parse cached), then load.
    for (const f of unique) {
      const text = read(f);
      if (text !== undefined) yield* this.parseSteps(f, text);
    }
    for (const f of unique) {
      loaded.set(f, this.loadCached(f, read));
      yield;
    }
    const includedBy = new Set<string>();
    for (const [f, cfg] of loaded) for (const g of cfg.files) if (g !== f) includedBy.add(g);
    let rootFiles = unique.filter((f) => !includedBy.has(f));
    if (rootFiles.length === 0) rootFiles = unique;

    const roots: RootResult[] = [];
    for (const file of rootFiles) {
      const config = loaded.get(file)!;
      const kind = (this.options.kindOf ?? fileKindOf)(file);
      // A root whose files are all unchanged keeps its model (and the rule caches keyed on it).
      const prev = this.models.get(file);
      if (prev && prev.config === config && prev.kind === kind) {
        roots.push(prev);
        continue;
      }
      const r: RootResult = { file, kind, config };
      if (kind === 'sip') r.sip = yield* buildSipConfigSteps(config);
      // After an edit, the contexts it did not touch keep their extensions (see buildDialplanSteps).
      else if (kind === 'extensions') r.dialplan = yield* buildDialplanSteps(config, prev?.kind === 'extensions' ? prev.dialplan : undefined);
      this.models.set(file, r);
      roots.push(r);
      yield;
    }

    for (const cfg of loaded.values()) for (const f of cfg.files) textOf(f);

    const analysis: Analysis = { roots, diagnostics: [], texts };
    analysis.sip = pick(roots.filter((r) => r.sip), 'sip.conf')?.sip;
    const dialplans = roots.filter((r) => r.dialplan);
    const main = pick(dialplans, 'extensions.conf');
    if (main && (dialplans.length === 1 || path.basename(main.file) === 'extensions.conf')) analysis.dialplan = main.dialplan;
    else if (dialplans.length > 1) {
      analysis.dialplan = mergeDialplans(dialplans.map((r) => r.config));
      yield;
    }

    const all: Diagnostic[] = [];
    for (const r of roots) {
      all.push(...r.config.diagnostics);
      if (r.sip) all.push(...r.sip.diagnostics);
      if (r.dialplan) all.push(...r.dialplan.diagnostics);
    }
    const ctx: RuleContext = { analysis };
    yield* prepareRules(ctx);
    for (const rule of RULES) {
      if (!rule.run) continue;
      all.push(...runRule(rule, ctx));
      yield;
    }
    analysis.diagnostics = this.finish(all, texts);
    return analysis;
  }

  private finish(diags: Diagnostic[], texts: Map<string, string>): Diagnostic[] {
    const seen = new Set<string>();
    const out: Diagnostic[] = [];
    const severities = this.options.severities ?? {};
    for (const d of diags) {
      const key = `${d.file}\0${d.start}\0${d.end}\0${d.code}\0${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const override = severities[d.code];
      if (override === 'off') continue;
      out.push(override ? { ...d, severity: override } : d);
    }
    const kept = applySuppressions(out, texts);
    kept.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start || a.end - b.end));
    return kept;
  }
}

function pick<T extends { file: string }>(items: T[], preferred: string): T | undefined {
  return items.find((r) => path.basename(r.file) === preferred) ?? items[0];
}

/** Several extensions roots with no extensions.conf: one dialplan of all their sections. */
function mergeDialplans(configs: LoadedConfig[]): Dialplan {
  const merged: LoadedConfig = {
    root: configs[0]!.root,
    categories: configs.flatMap((c) => c.categories),
    files: configs.flatMap((c) => c.files),
    includes: configs.flatMap((c) => c.includes),
    diagnostics: [],
  };
  const plan = buildDialplan(merged);
  plan.diagnostics = []; // each root already reported its own load problems
  return plan;
}
