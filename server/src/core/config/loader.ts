/**
 * Loading a config file the way main/config.c does (`ast_config_internal_load`,
 * `config_text_file_load`, `process_text_line`): sections with templates,
 * inheritance and `(+)` appends, variables with `+=`, and `#include` /
 * `#tryinclude` resolved against the config directory. `#exec` is never run.
 */
import * as path from 'node:path';
import type { Diagnostic, Severity } from '../diagnostic';
import type { ConfigHost } from '../host';
import type { AssignmentNode, DirectiveNode, LineNode, ParsedFile, Range, SectionNode } from '../parse/parser';

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
  /** File and offset after the last line that belongs to this section (for inserting lines). */
  end: { file: string; offset: number };
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
  const out: LoadedConfig = { root, categories: [], files: [], includes: [], diagnostics: [] };
  const loading: string[] = [];
  const seen = new Set<string>();
  let current: Category | undefined;
  const outsideReported = new Set<string>();

  const report = (file: string, r: Range, severity: Severity, code: string, message: string, fatal = false, asterisk?: string): Diagnostic => {
    const d: Diagnostic = { file, start: r.start, end: r.end, severity, code, message };
    if (asterisk) d.data = { asterisk };
    out.diagnostics.push(d);
    if (fatal && !out.fatal) out.fatal = d;
    return d;
  };

  const read = (file: string): string | undefined => opts.overlay?.(file) ?? opts.host.readFile(file);

  const loadFile = (file: string, text: string): void => {
    out.files.push(file);
    seen.add(file);
    loading.push(file);
    const parsed = opts.parse(file, text);
    for (const p of parsed.problems) {
      const d = report(file, p, p.severity, p.code, p.message);
      if (p.asterisk) d.data = { asterisk: p.asterisk };
    }
    const nodes = parsed.nodes;
    for (let i = 0; i < nodes.length; i++) handleLine(file, nodes[i]!);
    loading.pop();
  };

  // First section of each lower-cased name (lookups are case-insensitive and return the first match).
  const firstByName = new Map<string, Category>();
  const findCategory = (name: string): Category | undefined => firstByName.get(name.toLowerCase());

  const handleSection = (file: string, node: SectionNode): void => {
    if (!node.closed) {
      report(file, node.range, 'error', 'section-unclosed', `No closing ']' on this section line: Asterisk rejects the whole file ("parse error: no closing ']'").`, true, `parse error: no closing ']', line ${node.line.lineNo} of ${path.basename(file)}`);
      return;
    }
    if (node.ignoredText) {
      const what = node.options ? `after ')'` : `after ']'`;
      report(
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
      report(file, node.optionsRange ?? node.range, 'error', 'section-options-unclosed', `No closing ')' for the section options: Asterisk rejects the whole file ("parse error: no closing ')'").`, true, `parse error: no closing ')', line ${node.line.lineNo} of ${path.basename(file)}`);
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
      end: { file, offset: node.range.end },
    };
    current = cat;
    let appended = false;
    for (const opt of node.options ?? []) {
      if (opt.text === '!') {
        cat.template = true;
      } else if (opt.text.startsWith('+')) {
        const target = findCategory(node.name);
        if (!target) {
          report(file, opt.range, 'error', 'append-to-unknown-section', `[${node.name}](+) adds to a section that does not exist above: Asterisk rejects the whole file ("Category addition requested, but category '${node.name}' does not exist").`, true, `Category addition requested, but category '${node.name}' does not exist, line ${node.line.lineNo} of ${path.basename(file)}`);
          current = undefined;
          return;
        }
        target.template ||= cat.template;
        target.vars.push(...cat.vars);
        target.appendedBy.push({ file, header: node });
        current = target;
        appended = true;
      } else {
        const base = findCategory(opt.text);
        if (!base) {
          const later = opt.text.trim() !== opt.text && findCategory(opt.text.trim());
          report(
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
          current = undefined;
          return;
        }
        cat.inherits.push({ name: opt.text, range: opt.range, target: base });
        for (const v of base.vars) {
          const copy: Variable = { name: v.name, key: v.key, value: v.value, file: v.file, lineNo: v.lineNo, node: v.node, inheritedFrom: v.inheritedFrom ?? base };
          if (v.appended) copy.appended = v.appended;
          cat.vars.push(copy);
        }
      }
    }
    if (!appended) {
      out.categories.push(cat);
      const lower = cat.name.toLowerCase();
      if (!firstByName.has(lower)) firstByName.set(lower, cat);
    }
  };

  const handleAssignment = (file: string, node: AssignmentNode): void => {
    if (!current) {
      if (outsideReported.has(file)) return; // Asterisk stops at the first one; one report is enough
      outsideReported.add(file);
      report(file, node.range, 'error', 'line-outside-section', `This line comes before any [section]: Asterisk rejects the whole file ("parse error: No category context for line ${node.line.lineNo}").`, true, `parse error: No category context for line ${node.line.lineNo} of ${path.basename(file)}`);
      return;
    }
    if (node.invalidEscape) {
      report(file, node.range, 'error', 'invalid-escape', `A backslash at the start of a line must escape a printable character: Asterisk rejects the whole file ("Invalid escape in line ${node.line.lineNo}").`, true, `Invalid escape in line ${node.line.lineNo} of ${path.basename(file)}`);
      return;
    }
    const op = node.op;
    if (op === 'none') {
      report(file, node.range, 'warning', 'missing-equals', `No '=' on this line: Asterisk ignores it ("No '=' (equal sign) in line ${node.line.lineNo}").`, false, `No '=' (equal sign) in line ${node.line.lineNo} of ${path.basename(file)}`);
      return;
    }
    if (node.name === '') {
      report(file, node.range, 'warning', 'empty-variable-name', `Nothing before '=': Asterisk ignores this line ("No variable name in line ${node.line.lineNo}").`, false, `No variable name in line ${node.line.lineNo} of ${path.basename(file)}`);
      return;
    }
    if (op === '+=') {
      let target: Variable | undefined;
      for (const v of current.vars) if (v.name === node.name) target = v;
      if (target) {
        const merged = (target.value + node.value).replace(/[ \t\r\n\v\f]+$/, '').replace(/^[ \t]+/, '');
        const idx = current.vars.indexOf(target);
        current.vars[idx] = { ...target, value: merged, appended: [...(target.appended ?? []), node] };
        current.end.file = file;
        current.end.offset = node.end;
        return;
      }
    }
    current.vars.push({ name: node.name, key: lowerName(node.name), value: op === '+=' ? node.value.trim() : node.value, file, lineNo: node.line.lineNo, node });
    current.end.file = file;
    current.end.offset = node.end;
  };

  const handleDirective = (file: string, node: DirectiveNode): void => {
    const word = node.name.toLowerCase();
    if (word !== 'include' && word !== 'tryinclude' && word !== 'exec') {
      report(file, node.nameRange, 'warning', 'unknown-directive', `Unknown directive '#${node.name}': Asterisk ignores this line. Directives are #include, #tryinclude and #exec; use ';' for a comment.`, false, `Unknown directive '#${node.name}' at line ${node.line.lineNo} of ${path.basename(file)}`);
      return;
    }
    if (node.arg === undefined) {
      report(file, node.range, 'warning', 'directive-missing-argument', `#${word} needs ${word === 'exec' ? 'a command' : 'a file name'}: Asterisk ignores this line.`, false, `Directive '#${word}' needs an argument (${word === 'exec' ? '/path/to/executable' : 'filename'}) at line ${node.line.lineNo} of ${path.basename(file)}`);
      return;
    }
    if (word === 'exec') {
      out.includes.push({ from: file, directive: node, targets: [], kind: 'exec' });
      report(file, node.range, 'warning', 'exec-not-evaluated', `#exec is never run by this tool, so whatever its output would add is not checked. Asterisk runs it only with execincludes=yes in asterisk.conf ([options]); otherwise it ignores the line with a warning.`);
      return;
    }
    const tryOnly = word === 'tryinclude';
    const record: IncludeRecord = { from: file, directive: node, targets: [], kind: tryOnly ? 'tryinclude' : 'include' };
    out.includes.push(record);
    const argRange = node.argRange ?? node.range;
    const resolved = resolveIncludeName(node.arg, opts.configDir);
    const targets = hasGlobMagic(node.arg) ? opts.host.glob(resolved) : [resolved];
    let loadedAny = false;
    for (const target of targets) {
      const text = read(target);
      if (text === undefined) continue;
      if (loading.length >= MAX_INCLUDE_LEVEL) {
        report(file, argRange, 'error', loading.includes(target) ? 'include-cycle' : 'include-depth-exceeded',
          (loading.includes(target) ? `'${node.arg}' includes itself through ${loading.map((f) => path.basename(f)).join(' → ')}: ` : '') +
            `includes nest more than ${MAX_INCLUDE_LEVEL} levels deep, so Asterisk stops ("Maximum Include level (${MAX_INCLUDE_LEVEL}) exceeded")` +
            (tryOnly ? '.' : ' and rejects the whole file.'),
          !tryOnly, `Maximum Include level (${MAX_INCLUDE_LEVEL}) exceeded`);
        return;
      }
      if (loading.includes(target)) {
        report(file, argRange, 'error', 'include-cycle', `'${node.arg}' includes a file that is already being loaded (${loading.map((f) => path.basename(f)).join(' → ')}): Asterisk loops until it exceeds ${MAX_INCLUDE_LEVEL} include levels` + (tryOnly ? '.' : ' and then rejects the whole file.'), !tryOnly);
        return;
      }
      if (seen.has(target)) {
        report(file, argRange, 'warning', 'duplicate-include', `'${node.arg}' is already included: Asterisk loads it again ("Same File included more than once!"), so its lines count twice.`, false, `'${file}', line ${node.line.lineNo}:  Same File included more than once!`);
      }
      record.targets.push(target);
      loadedAny = true;
      loadFile(target, text);
    }
    if (!loadedAny && !tryOnly) {
      report(
        file,
        argRange,
        'error',
        'missing-include',
        `${hasGlobMagic(node.arg) ? `No file matches '${node.arg}'` : `'${node.arg}' does not exist`} (looked for ${resolved}; relative names are resolved against the config directory ${opts.configDir}, not the including file): Asterisk rejects the whole file ("The file '${node.arg}' was listed as a #include but it does not exist."). Use #tryinclude if the file is optional.`,
        true,
        `The file '${node.arg}' was listed as a #include but it does not exist.`,
      );
    }
  };

  function handleLine(file: string, node: LineNode): void {
    if (node.kind === 'section') handleSection(file, node);
    else if (node.kind === 'directive') handleDirective(file, node);
    else handleAssignment(file, node);
  }

  const text = read(root);
  if (text === undefined) {
    out.fatal = { file: root, start: 0, end: 0, severity: 'error', code: 'file-unreadable', message: `Cannot read ${root}.` };
    out.diagnostics.push(out.fatal);
    return out;
  }
  loadFile(root, text);
  return out;
}

/** The last value of a variable (ast_variable_retrieve), or undefined. */
export function lastVar(cat: Category, name: string): Variable | undefined {
  const lower = name.toLowerCase();
  for (let i = cat.vars.length - 1; i >= 0; i--) if (cat.vars[i]!.key === lower) return cat.vars[i];
  return undefined;
}

/** A name lower-cased; the names of most dialplan lines are already lower-case words. */
function lowerName(name: string): string {
  if (name === 'exten' || name === 'same' || name === 'include') return name;
  return name.toLowerCase();
}
