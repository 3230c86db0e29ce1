/**
 * Loading a config file the way main/config.c does (`ast_config_internal_load`,
 * `config_text_file_load`, `process_text_line`): sections with templates,
 * inheritance and `(+)` appends, variables with `+=`, and `#include` /
 * `#tryinclude` resolved against the config directory. `#exec` is never run.
 */
import * as path from 'node:path';
import { pushLoadProblem, type Diagnostic, type Severity } from '../diagnostic';
import type { ConfigHost } from '../host';
import { lowerCase } from '../text/case';
import { asVariable, lowerName, type AssignmentNode, type DirectiveNode, type LineNode, type ParsedFile, type Range, type SectionNode } from '../parse/parser';

export const MAX_INCLUDE_LEVEL = 10;

export interface Variable {
  name: string;
  /** The name lower-cased (option names are case-insensitive). */
  key: string;
  value: string;
  file: string;
  lineNo: number;
  node: AssignmentNode;
  /** Set on copies made by template inheritance: the section it came from. */
  inheritedFrom?: Category;
  /** Earlier lines merged into this value by `+=`. */
  appended?: AssignmentNode[];
}

export interface Category {
  name: string;
  file: string;
  header: SectionNode;
  template: boolean;
  inherits: { name: string; range: Range; target?: Category }[];
  vars: Variable[];
  /** Sections written `[name](+)` that added lines to this one. */
  appendedBy: { file: string; header: SectionNode }[];
}

export interface IncludeRecord {
  from: string;
  directive: DirectiveNode;
  /** Files the directive loaded (after glob expansion). */
  targets: string[];
  kind: 'include' | 'tryinclude' | 'exec';
}

export interface LoadedConfig {
  root: string;
  categories: Category[];
  /** Every file read, in load order (root first). */
  files: string[];
  includes: IncludeRecord[];
  diagnostics: Diagnostic[];
  /** The first problem that makes Asterisk reject the whole file, if any. */
  fatal?: Diagnostic;
}

export interface LoadOptions {
  /** Directory that relative include names resolve against (Asterisk's astetcdir). */
  configDir: string;
  host: ConfigHost;
  /** Parse a file's text; the workspace passes a cached parser. */
  parse(file: string, text: string): ParsedFile;
  /** Text of files open in the editor, preferred over the host. */
  overlay?: (file: string) => string | undefined;
}

/** Resolve an include name as Asterisk does: relative to the config dir. */
export function resolveIncludeName(name: string, configDir: string): string {
  return path.isAbsolute(name) ? path.normalize(name) : path.join(configDir, name);
}

export function hasGlobMagic(name: string): boolean {
  return /[*?[{]/.test(name);
}

export function loadConfig(root: string, opts: LoadOptions): LoadedConfig {
  const ld: LoadState = {
    opts,
    out: { root, categories: [], files: [], includes: [], diagnostics: [] },
    loading: [],
    seen: new Set(),
    current: undefined,
    outsideReported: new Set(),
    firstByName: new Map(),
    inherited: new Map(),
  };
  return load(ld);
}

/**
 * The state of one load of a root file. The loading code is module functions
 * over this object rather than closures inside loadConfig or a class: a
 * closure is optimized again for every load, and the shape of a short-lived
 * class instance dies with it between loads, which throws away the optimized
 * code that depends on it; an object literal's shape lives on in its
 * allocation site. (A megabyte dialplan runs through handleAssignment line by
 * line.)
 */
interface LoadState {
  readonly opts: LoadOptions;
  readonly out: LoadedConfig;
  readonly loading: string[];
  readonly seen: Set<string>;
  current: Category | undefined;
  readonly outsideReported: Set<string>;
  /** First section of each lower-cased name (lookups are case-insensitive and return the first match). */
  readonly firstByName: Map<string, Category>;
  /** What a section inheriting from a template gets from it, made once per template (see inheritedVars). */
  readonly inherited: Map<Category, { from: Variable[]; vars: Variable[] }>;
}

function load(ld: LoadState): LoadedConfig {
  const out = ld.out;
  const root = out.root;
  const text = read(ld, root);
  if (text === undefined) {
    out.fatal = { file: root, start: 0, end: 0, severity: 'error', code: 'file-unreadable', message: `Cannot read ${root}.` };
    out.diagnostics.push(out.fatal);
    return out;
  }
  loadFile(ld, root, text);
  return out;
}

function report(ld: LoadState, file: string, r: Range, severity: Severity, code: string, message: string, fatal = false, asterisk?: string): Diagnostic {
  const d = pushLoadProblem(ld.out.diagnostics, file, r, severity, code, message, asterisk);
  if (fatal && !ld.out.fatal) ld.out.fatal = d;
  return d;
}

function read(ld: LoadState, file: string): string | undefined {
  return ld.opts.overlay?.(file) ?? ld.opts.host.readFile(file);
}

function loadFile(ld: LoadState, file: string, text: string): void {
  ld.out.files.push(file);
  ld.seen.add(file);
  ld.loading.push(file);
  const parsed = ld.opts.parse(file, text);
  for (const p of parsed.problems) {
    const d = report(ld, file, p, p.severity, p.code, p.message);
    if (p.asterisk) d.data = { asterisk: p.asterisk };
  }
  handleLines(ld, file, parsed.nodes);
  ld.loading.pop();
}

/** The lines of a file in order (apart from loadFile, whose calls to the caller's parse and overlay functions change from load to load). */
function handleLines(ld: LoadState, file: string, nodes: LineNode[]): void {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.kind === 'assignment') handleAssignment(ld, file, node);
    else if (node.kind === 'section') {
      handleSection(ld, file, node);
      const cat = ld.current;
      // A new section's lines that are its variables as they are (nearly all) become its list at once, a copy of
      // that run of nodes (see plainRun); the rest go line by line.
      if (cat !== undefined && cat.header === node && cat.vars.length === 0) {
        const end = plainRun(nodes, i + 1, file);
        if (end > i + 1) {
          cat.vars = nodes.slice(i + 1, end) as AssignmentNode[] as unknown as Variable[];
          i = end - 1;
        }
      }
    } else handleDirective(ld, file, node);
  }
}

/**
 * Where the run of nodes from `from` ends that handleAssignment would each add to the current section as the
 * node itself (name = value or name => value, a name, no bad escape, the node loaded as this file): a section
 * of a large dialplan gets its list of variables in one piece, where pushing them one by one grew it through
 * copies, the last ones new large objects of the heap, whose pages are page faults.
 */
function plainRun(nodes: LineNode[], from: number, file: string): number {
  let i = from;
  for (; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.kind !== 'assignment' || node.invalidEscape || node.name === '') break;
    const op = node.op;
    if ((op !== '=' && op !== '=>') || (asVariable(node, file) as unknown) !== node) break;
  }
  return i;
}

function findCategory(ld: LoadState, name: string): Category | undefined {
  return ld.firstByName.get(lowerCase(name));
}

function handleSection(ld: LoadState, file: string, node: SectionNode): void {
  if (!node.closed) {
    report(ld, file, node.range, 'error', 'section-unclosed', `No closing ']' on this section line: Asterisk rejects the whole file ("parse error: no closing ']'").`, true, `parse error: no closing ']', line ${node.line.lineNo} of ${path.basename(file)}`);
    return;
  }
  if (node.ignoredText) {
    const what = node.options ? `after ')'` : `after ']'`;
    report(ld, 
      file,
      node.ignoredText,
      'warning',
      'section-trailing-text',
      node.options || !node.optionsRange
        ? `Asterisk ignores this text ${what}` + (node.options ? '.' : ` — options only count when '(' follows ']' immediately, as in [name](!).`)
        : `Asterisk ignores this text.`,
    );
  }
  if (!node.optionsClosed) {
    report(ld, file, node.optionsRange ?? node.range, 'error', 'section-options-unclosed', `No closing ')' for the section options: Asterisk rejects the whole file ("parse error: no closing ')'").`, true, `parse error: no closing ')', line ${node.line.lineNo} of ${path.basename(file)}`);
    return;
  }
  const cat: Category = {
    name: node.name,
    file,
    header: node,
    template: false,
    inherits: [],
    vars: [],
    appendedBy: [],
  };
  ld.current = cat;
  let appended = false;
  for (const opt of node.options ?? []) {
    if (opt.text === '!') {
      cat.template = true;
    } else if (opt.text.startsWith('+')) {
      const target = findCategory(ld, node.name);
      if (!target) {
        report(ld, file, opt.range, 'error', 'append-to-unknown-section', `[${node.name}](+) adds to a section that does not exist above: Asterisk rejects the whole file ("Category addition requested, but category '${node.name}' does not exist").`, true, `Category addition requested, but category '${node.name}' does not exist, line ${node.line.lineNo} of ${path.basename(file)}`);
        ld.current = undefined;
        return;
      }
      target.template ||= cat.template;
      target.vars.push(...cat.vars);
      target.appendedBy.push({ file, header: node });
      ld.current = target;
      appended = true;
    } else {
      const base = findCategory(ld, opt.text);
      if (!base) {
        const later = opt.text.trim() !== opt.text && findCategory(ld, opt.text.trim());
        report(ld, 
          file,
          opt.range.start === opt.range.end ? node.optionsRange ?? node.range : opt.range,
          'error',
          'inherit-unknown-section',
          `Cannot inherit from '${opt.text}': no section of that name above this line` +
            (later ? ` (names are not trimmed: remove the space before '${opt.text.trim()}')` : ' (templates must be defined before they are used)') +
            `. Asterisk rejects the whole file ("Inheritance requested, but category '${opt.text}' does not exist").`,
          true,
          `Inheritance requested, but category '${opt.text}' does not exist, line ${node.line.lineNo} of ${path.basename(file)}`,
        );
        ld.current = undefined;
        return;
      }
      cat.inherits.push({ name: opt.text, range: opt.range, target: base });
      const inherited = inheritedVars(ld, base);
      if (cat.vars.length === 0) cat.vars = inherited.slice(); // the usual one template: a copy at once
      else for (const v of inherited) cat.vars.push(v);
    }
  }
  if (!appended) {
    ld.out.categories.push(cat);
    const lower = lowerCase(cat.name);
    if (!ld.firstByName.has(lower)) ld.firstByName.set(lower, cat);
  }
}

/**
 * The variables a section inheriting from `base` gets: its own ones marked as inherited from it, and those it
 * inherited itself as they are. Every section built on one template shares them (a template has hundreds of
 * devices), made again only when the template's variables have changed since (+=, or added to with (+)).
 */
function inheritedVars(ld: LoadState, base: Category): Variable[] {
  const hit = ld.inherited.get(base);
  if (hit && hit.from.length === base.vars.length && startsWithItems(base.vars, hit.from)) return hit.vars;
  const vars = base.vars.map((v) => (v.inheritedFrom ? v : variable(v.name, v.key, v.value, v.file, v.lineNo, v.node, base, v.appended)));
  ld.inherited.set(base, { from: base.vars.slice(), vars });
  return vars;
}

/** Does `list` start with the very items of `prefix` (compared by identity)? */
export function startsWithItems<T>(list: readonly T[], prefix: readonly T[]): boolean {
  if (list.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (list[i] !== prefix[i]) return false;
  return true;
}

function handleAssignment(ld: LoadState, file: string, node: AssignmentNode): void {
  if (!ld.current) {
    if (ld.outsideReported.has(file)) return; // Asterisk stops at the first one; one report is enough
    ld.outsideReported.add(file);
    report(ld, file, node.range, 'error', 'line-outside-section', `This line comes before any [section]: Asterisk rejects the whole file ("parse error: No category context for line ${node.line.lineNo}").`, true, `parse error: No category context for line ${node.line.lineNo} of ${path.basename(file)}`);
    return;
  }
  if (node.invalidEscape) {
    report(ld, file, node.range, 'error', 'invalid-escape', `A backslash at the start of a line must escape a printable character: Asterisk rejects the whole file ("Invalid escape in line ${node.line.lineNo}").`, true, `Invalid escape in line ${node.line.lineNo} of ${path.basename(file)}`);
    return;
  }
  const op = node.op;
  if (op === 'none') {
    report(ld, file, node.range, 'warning', 'missing-equals', `No '=' on this line: Asterisk ignores it ("No '=' (equal sign) in line ${node.line.lineNo}").`, false, `No '=' (equal sign) in line ${node.line.lineNo} of ${path.basename(file)}`);
    return;
  }
  if (node.name === '') {
    report(ld, file, node.range, 'warning', 'empty-variable-name', `Nothing before '=': Asterisk ignores this line ("No variable name in line ${node.line.lineNo}").`, false, `No variable name in line ${node.line.lineNo} of ${path.basename(file)}`);
    return;
  }
  if (op === '+=') {
    // The last variable of that name (by index: a line of a file included twice is the same object twice).
    const vars = ld.current.vars;
    let idx = -1;
    for (let i = 0; i < vars.length; i++) if (vars[i]!.name === node.name) idx = i;
    if (idx !== -1) {
      const target = vars[idx]!;
      const merged = (target.value + node.value).replace(/[ \t\r\n\v\f]+$/, '').replace(/^[ \t]+/, '');
      vars[idx] = variable(target.name, target.key, merged, target.file, target.lineNo, target.node, target.inheritedFrom, [...(target.appended ?? []), node]);
      return;
    }
  }
  ld.current.vars.push((op !== '+=' && asVariable(node, file)) || variable(node.name, lowerName(node.name), op === '+=' ? node.value.trim() : node.value, file, node.line.lineNo, node, undefined, undefined));
}

function handleDirective(ld: LoadState, file: string, node: DirectiveNode): void {
  const word = node.name.toLowerCase();
  if (word !== 'include' && word !== 'tryinclude' && word !== 'exec') {
    report(ld, file, node.nameRange, 'warning', 'unknown-directive', `Unknown directive '#${node.name}': Asterisk ignores this line. Directives are #include, #tryinclude and #exec; use ';' for a comment.`, false, `Unknown directive '#${node.name}' at line ${node.line.lineNo} of ${path.basename(file)}`);
    return;
  }
  if (node.arg === undefined) {
    report(ld, file, node.range, 'warning', 'directive-missing-argument', `#${word} needs ${word === 'exec' ? 'a command' : 'a file name'}: Asterisk ignores this line.`, false, `Directive '#${word}' needs an argument (${word === 'exec' ? '/path/to/executable' : 'filename'}) at line ${node.line.lineNo} of ${path.basename(file)}`);
    return;
  }
  if (word === 'exec') {
    ld.out.includes.push({ from: file, directive: node, targets: [], kind: 'exec' });
    report(ld, file, node.range, 'warning', 'exec-not-evaluated', `#exec is never run by this tool, so whatever its output would add is not checked. Asterisk runs it only with execincludes=yes in asterisk.conf ([options]); otherwise it ignores the line with a warning.`);
    return;
  }
  const tryOnly = word === 'tryinclude';
  const record: IncludeRecord = { from: file, directive: node, targets: [], kind: tryOnly ? 'tryinclude' : 'include' };
  ld.out.includes.push(record);
  const argRange = node.argRange ?? node.range;
  const resolved = resolveIncludeName(node.arg, ld.opts.configDir);
  const targets = hasGlobMagic(node.arg) ? ld.opts.host.glob(resolved) : [resolved];
  let loadedAny = false;
  for (const target of targets) {
    const text = read(ld, target);
    if (text === undefined) continue;
    if (ld.loading.length >= MAX_INCLUDE_LEVEL) {
      report(ld, file, argRange, 'error', ld.loading.includes(target) ? 'include-cycle' : 'include-depth-exceeded',
        (ld.loading.includes(target) ? `'${node.arg}' includes itself through ${ld.loading.map((f) => path.basename(f)).join(' → ')}: ` : '') +
          `includes nest more than ${MAX_INCLUDE_LEVEL} levels deep, so Asterisk stops ("Maximum Include level (${MAX_INCLUDE_LEVEL}) exceeded")` +
          (tryOnly ? '.' : ' and rejects the whole file.'),
        !tryOnly, `Maximum Include level (${MAX_INCLUDE_LEVEL}) exceeded`);
      return;
    }
    if (ld.loading.includes(target)) {
      report(ld, file, argRange, 'error', 'include-cycle', `'${node.arg}' includes a file that is already being loaded (${ld.loading.map((f) => path.basename(f)).join(' → ')}): Asterisk loops until it exceeds ${MAX_INCLUDE_LEVEL} include levels` + (tryOnly ? '.' : ' and then rejects the whole file.'), !tryOnly);
      return;
    }
    if (ld.seen.has(target)) {
      report(ld, file, argRange, 'warning', 'duplicate-include', `'${node.arg}' is already included: Asterisk loads it again ("Same File included more than once!"), so its lines count twice.`, false, `'${file}', line ${node.line.lineNo}:  Same File included more than once!`);
    }
    record.targets.push(target);
    loadedAny = true;
    loadFile(ld, target, text);
  }
  if (!loadedAny && !tryOnly) {
    report(ld, 
      file,
      argRange,
      'error',
      'missing-include',
      `${hasGlobMagic(node.arg) ? `No file matches '${node.arg}'` : `'${node.arg}' does not exist`} (looked for ${resolved}; relative names are resolved against the config directory ${ld.opts.configDir}, not the including file): Asterisk rejects the whole file ("The file '${node.arg}' was listed as a #include but it does not exist."). Use #tryinclude if the file is optional.`,
      true,
      `The file '${node.arg}' was listed as a #include but it does not exist.`,
    );
  }
}

/** A Variable with every field present, so that all of them share one object shape (hot loops read them). */
export function variable(name: string, key: string, value: string, file: string, lineNo: number, node: AssignmentNode, inheritedFrom: Category | undefined, appended: AssignmentNode[] | undefined): Variable {
  return { name, key, value, file, lineNo, node, inheritedFrom, appended };
}

/** The last value of a variable (ast_variable_retrieve), or undefined. */
export function lastVar(cat: Category, name: string): Variable | undefined {
  const lower = name.toLowerCase();
  for (let i = cat.vars.length - 1; i >= 0; i--) if (cat.vars[i]!.key === lower) return cat.vars[i];
  return undefined;
}

