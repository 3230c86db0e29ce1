/**
 * "Asterisk: Simulate Dial…" in VS Code: prompts for what is missing, asks the
 * language server (`asterisk/simulate`), shows the answer in one reused
 * webview panel, highlights the winning line, and keeps the last simulations
 * in workspaceState for "re-run".
 */
import { randomBytes } from 'node:crypto';
import {
  commands,
  OverviewRulerLane,
  QuickPickItemKind,
  Range,
  Selection,
  TextEditorRevealType,
  ThemeColor,
  Uri,
  ViewColumn,
  window,
  workspace,
  type Disposable,
  type ExtensionContext,
  type QuickPickItem,
  type TextEditor,
  type TextEditorDecorationType,
  type WebviewPanel,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { SimulateFailure, SimulateParams, SimulateReport, SimulateResponse, SimulateTargets, SimulateTargetsParams } from '../../server/src/lsp/protocol';
import { describeParams, panelTitle, parseViewMessage, renderSimulation, validateNumber, type RecentSimulation } from './simulate-view';

export const SIMULATE_COMMAND = 'asterisk.simulateDial';
export const SIMULATE_RECENT_COMMAND = 'asterisk.simulateDialRecent';
const SIMULATE_METHOD = 'asterisk/simulate';
const TARGETS_METHOD = 'asterisk/simulateTargets';
const RECENT_KEY = 'asterisk.simulateDial.recent';
const MAX_RECENT = 10;

/** Arguments of `asterisk.simulateDial`; everything given is not asked for. */
export interface SimulateDialArgs {
  number?: string;
  context?: string;
  fromPeer?: string;
  guest?: boolean;
  callerId?: string;
  /** ISO 8601 (or a Date) to evaluate include time windows at; null ignores them; default now. */
  time?: string | Date | null;
  /** A file (URI string or Uri) of the config dir; default the active Asterisk editor, else the first config dir. */
  uri?: string | Uri;
  /** false: do not open the panel nor highlight (default true). */
  show?: boolean;
}

const ASTERISK_LANGUAGE = /^asterisk(-sip|-dialplan|-pjsip)?$/;

/**
 * Registers `asterisk.simulateDial` and `asterisk.simulateDialRecent`.
 *
 * `vscode.commands.executeCommand('asterisk.simulateDial', args?)` with
 * `args: { number?, context? | fromPeer? | guest?, callerId?, time?: ISO string | null, uri?, show? }`
 * prompts only for what is missing (number, then the entry context/device,
 * then an optional caller ID, the last only when something was prompted for)
 * and resolves with the server's report (undefined when a prompt is cancelled):
 *
 *   {
 *     winner?: { extension, context, uri, file, line, priority, app, args },   // extension as written; line 1-based
 *     outcome: { kind, message, trunk?: { name, host?, authenticated, number?, uri, file, line }, targets? },
 *     trace: [{ context, exten, priority, label?, app, args (expanded), written, uri, file, line, note?, alternatives? }],
 *     candidates: [{ extension, context, status: 'winner' | 'no-priority' | 'shadowed', reason, uri, file, line }],
 *     includePath: [{ context, via?: { from, uri, file, line } }],
 *     notes: string[],                 // warnings about the entry (e.g. unauthenticated)
 *     modes: { exists, canMatch, matchMore },
 *     entry, input, result: 'match' | 'none', searched, searchNotes, configDir,
 *   }
 *
 * or `{ error: string }` when the server cannot simulate (unknown device, no dialplan…).
 * E.g. `{ number: '2223334444', context: 'internal' }` on examples/itsp gives
 * `winner.extension === '_NXXNXXXXXX'` and an outcome message naming TheITSP-Out.
 */
export function registerSimulate(context: ExtensionContext, client: LanguageClient): void {
  const view = new SimulateView(context, client);
  context.subscriptions.push(
    view,
    commands.registerCommand(SIMULATE_COMMAND, (arg?: unknown) => view.simulateCommand(arg)),
    commands.registerCommand(SIMULATE_RECENT_COMMAND, () => view.recentCommand()),
  );
}

class SimulateView implements Disposable {
  private panel: WebviewPanel | undefined;
  private readonly decoration: TextEditorDecorationType;
  private highlight: { uri: string; line: number; label: string } | undefined;
  private current: { params: SimulateParams; result: SimulateResponse } | undefined;
  private readonly disposables: Disposable[] = [];

  constructor(
    private readonly context: ExtensionContext,
    private readonly client: LanguageClient,
  ) {
    this.decoration = window.createTextEditorDecorationType({
      isWholeLine: true,
      backgroundColor: new ThemeColor('editor.rangeHighlightBackground'),
      borderColor: new ThemeColor('focusBorder'),
      borderStyle: 'solid',
      borderWidth: '0 0 0 2px',
      overviewRulerColor: new ThemeColor('editorOverviewRuler.rangeHighlightForeground'),
      overviewRulerLane: OverviewRulerLane.Center,
      after: { color: new ThemeColor('editorCodeLens.foreground'), margin: '0 0 0 2em' },
    });
    this.disposables.push(this.decoration, window.onDidChangeVisibleTextEditors((editors) => this.decorate(editors)));
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  async simulateCommand(arg: unknown): Promise<SimulateResponse | undefined> {
    const args = normalizeArgs(arg);
    const params = await this.complete(args);
    if (!params) return undefined;
    return this.run(params, args.show !== false);
  }

  async recentCommand(): Promise<SimulateResponse | undefined> {
    const recent = this.recent();
    if (recent.length === 0) {
      void window.showInformationMessage('No recent simulations yet: run "Asterisk: Simulate Dial…" first.');
      return undefined;
    }
    const pick = await window.showQuickPick(
      recent.map((r, index) => ({ label: describeParams(r.params), description: relativeTime(r.at), detail: r.params.uri ? workspace.asRelativePath(Uri.parse(r.params.uri)) : undefined, index })),
      { title: 'Re-run a recent simulation', placeHolder: 'Pick a simulation to run again' },
    );
    return pick ? this.run(recent[pick.index]!.params, true) : undefined;
  }

  /** Fill in what the arguments leave out, asking the user; undefined when cancelled. */
  private async complete(args: SimulateDialArgs): Promise<SimulateParams | undefined> {
    const editor = window.activeTextEditor;
    const editorUri = editor && ASTERISK_LANGUAGE.test(editor.document.languageId) ? editor.document.uri.toString() : undefined;
    const uri = args.uri !== undefined ? String(args.uri) : editorUri;
    const hasEntry = args.context !== undefined || args.fromPeer !== undefined || !!args.guest;
    const interactive = args.number === undefined || !hasEntry;

    let number = args.number;
    if (number === undefined) {
      number = await window.showInputBox({
        title: 'Simulate Dial (1/3): the number',
        prompt: 'The dialed number (digits, *, #, +, or s, i, t… for special extensions)',
        placeHolder: 'e.g. 2223334444',
        value: this.recent()[0]?.params.number,
        validateInput: validateNumber,
        ignoreFocusOut: true,
      });
      if (number === undefined) return undefined;
    }

    const params: SimulateParams = { number: number.trim() };
    if (uri) params.uri = uri;
    if (args.context !== undefined) params.context = args.context;
    else if (args.fromPeer !== undefined) params.fromPeer = args.fromPeer;
    else if (args.guest) params.guest = true;
    else {
      const position = editor && editorUri && editorUri === uri ? editor.selection.active : undefined;
      const entry = await this.pickEntry(uri, position);
      if (!entry) return undefined;
      Object.assign(params, entry);
    }

    let callerId = args.callerId;
    if (callerId === undefined && interactive) {
      callerId = await window.showInputBox({
        title: 'Simulate Dial (3/3): caller ID (optional)',
        prompt: 'The caller number, for extensions with a /callerid pattern. Leave empty for none.',
        placeHolder: 'no caller ID',
        ignoreFocusOut: true,
        validateInput: (v) => (/\s/.test(v.trim()) ? 'A caller number has no spaces.' : undefined),
      });
      if (callerId === undefined) return undefined;
      callerId = callerId.trim() === '' ? undefined : callerId.trim();
    }
    if (callerId !== undefined) params.callerId = callerId;
    if (args.time !== undefined) params.time = args.time instanceof Date ? args.time.toISOString() : args.time;
    return params;
  }

  /** Quick pick of the contexts and devices (and guest calls), the one at the cursor first. */
  private async pickEntry(uri: string | undefined, position: { line: number; character: number } | undefined): Promise<Pick<SimulateParams, 'context' | 'fromPeer' | 'guest'> | undefined> {
    const params: SimulateTargetsParams = { ...(uri ? { uri } : {}), ...(position ? { position: { line: position.line, character: position.character } } : {}) };
    const targets = await this.client.sendRequest<SimulateTargets>(TARGETS_METHOD, params);
    type Item = QuickPickItem & { entry?: Pick<SimulateParams, 'context' | 'fromPeer' | 'guest'> };
    const at = targets.at;
    const contexts: Item[] = targets.contexts.map((c) => ({
      label: `$(symbol-namespace) ${c.name}`,
      description: `context · ${c.extensions} extension${c.extensions === 1 ? '' : 's'}`,
      detail: `${c.file}:${c.line}`,
      entry: { context: c.name },
    }));
    const devices: Item[] = targets.devices.map((d) => ({
      label: `$(device-mobile) ${d.name}`,
      description: `sip.conf device → [${d.context}]`,
      detail: d.unauthenticated ? '$(warning) Its calls are not challenged: anyone who can reach the PBX can place them.' : `${d.file}:${d.line}`,
      entry: { fromPeer: d.name },
    }));
    const guest: Item[] = targets.guest?.allowed ? [{ label: '$(globe) guest call', description: `unknown sender → [${targets.guest.context}]`, entry: { guest: true } }] : [];
    const same = (i: Item): boolean =>
      !!at && !!i.entry && (at.context !== undefined ? i.entry.context === at.context : at.fromPeer !== undefined ? i.entry.fromPeer === at.fromPeer : !!at.guest && !!i.entry.guest);
    const all = [...contexts, ...devices, ...guest];
    const current = all.find(same);
    const items: Item[] = [];
    if (current) items.push({ label: 'at the cursor', kind: QuickPickItemKind.Separator }, { ...current, picked: true });
    if (contexts.length) items.push({ label: 'contexts', kind: QuickPickItemKind.Separator }, ...contexts.filter((i) => i !== current));
    if (devices.length || guest.length) items.push({ label: 'calls from sip.conf', kind: QuickPickItemKind.Separator }, ...devices.filter((i) => i !== current), ...guest.filter((i) => i !== current));
    if (all.length === 0) {
      void window.showErrorMessage('Simulate Dial: no dialplan contexts or sip.conf devices found. Open an extensions.conf, or set asterisk.configDirectory.');
      return undefined;
    }
    const pick = await window.showQuickPick(items, {
      title: 'Simulate Dial (2/3): where the call enters',
      placeHolder: 'A dialplan context, or a sip.conf device whose calls you simulate',
      matchOnDescription: true,
      ignoreFocusOut: true,
    });
    return pick?.entry;
  }

  /** Ask the server, show the answer, remember it. */
  private async run(params: SimulateParams, show: boolean): Promise<SimulateResponse> {
    let result: SimulateResponse;
    try {
      result = await this.client.sendRequest<SimulateResponse>(SIMULATE_METHOD, params);
    } catch (err) {
      result = { error: `the language server did not answer: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (!('error' in result)) await this.remember(params);
    this.current = { params, result };
    if (show) {
      this.showPanel();
      this.setHighlight(result);
    }
    if ('error' in result && show) void window.showWarningMessage(`Simulate Dial: ${result.error}`);
    return result;
  }

  private showPanel(): void {
    if (!this.current) return;
    const { params, result } = this.current;
    if (!this.panel) {
      this.panel = window.createWebviewPanel('asterisk.simulateDial', panelTitle(params.number), { viewColumn: ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.setHighlight(undefined);
      });
      this.panel.webview.onDidReceiveMessage((m) => this.onMessage(m));
    } else {
      this.panel.reveal(undefined, true);
    }
    this.panel.title = panelTitle(params.number);
    this.panel.webview.html = renderSimulation(result, params, this.recent(), { cspSource: this.panel.webview.cspSource, nonce: randomBytes(18).toString('base64') });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const m = parseViewMessage(raw);
    if (!m) return;
    if (m.type === 'open') {
      const doc = await workspace.openTextDocument(Uri.parse(m.uri));
      const line = Math.min(m.line - 1, doc.lineCount - 1);
      const range = new Range(line, 0, line, 0);
      const column = this.panel?.viewColumn === ViewColumn.One ? ViewColumn.Two : ViewColumn.One;
      const editor = await window.showTextDocument(doc, { viewColumn: column, selection: range, preserveFocus: false });
      editor.selection = new Selection(range.start, range.start);
      editor.revealRange(range, TextEditorRevealType.InCenterIfOutsideViewport);
    } else {
      const entry = this.recent()[m.index];
      if (entry) await this.run(entry.params, true);
    }
  }

  private setHighlight(result: SimulateResponse | undefined): void {
    const w = result && !('error' in result) ? result.winner : undefined;
    this.highlight = w ? { uri: w.uri, line: w.line - 1, label: `◀ runs for ${(result as SimulateReport).input.number}` } : undefined;
    this.decorate(window.visibleTextEditors);
  }

  private decorate(editors: readonly TextEditor[]): void {
    const h = this.highlight;
    for (const ed of editors) {
      if (h && ed.document.uri.toString() === h.uri && h.line < ed.document.lineCount) {
        ed.setDecorations(this.decoration, [{ range: new Range(h.line, 0, h.line, 0), renderOptions: { after: { contentText: h.label } } }]);
      } else {
        ed.setDecorations(this.decoration, []);
      }
    }
  }

  private recent(): RecentSimulation[] {
    const list = this.context.workspaceState.get<RecentSimulation[]>(RECENT_KEY, []);
    return Array.isArray(list) ? list.filter((r) => r && r.params && typeof r.params.number === 'string').slice(0, MAX_RECENT) : [];
  }

  private async remember(params: SimulateParams): Promise<void> {
    const key = JSON.stringify(paramsKey(params));
    const list = [{ params, at: new Date().toISOString() }, ...this.recent().filter((r) => JSON.stringify(paramsKey(r.params)) !== key)].slice(0, MAX_RECENT);
    await this.context.workspaceState.update(RECENT_KEY, list);
  }
}

function paramsKey(p: SimulateParams): unknown[] {
  return [p.uri ?? '', p.number, p.context ?? null, p.fromPeer ?? null, !!p.guest, p.callerId ?? null, p.time ?? null];
}

/** Command arguments: an args object, or the resource Uri the editor context menu passes. */
function normalizeArgs(arg: unknown): SimulateDialArgs {
  if (arg instanceof Uri) return { uri: arg.toString() };
  if (!arg || typeof arg !== 'object') return {};
  const a = arg as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
  const out: SimulateDialArgs = {};
  const number = str(a.number);
  if (number !== undefined) out.number = number;
  if (str(a.context) !== undefined) out.context = str(a.context);
  if (str(a.fromPeer) !== undefined) out.fromPeer = str(a.fromPeer);
  if (a.guest === true) out.guest = true;
  if (str(a.callerId) !== undefined) out.callerId = str(a.callerId);
  if (a.time === null || typeof a.time === 'string' || a.time instanceof Date) out.time = a.time;
  if (a.uri instanceof Uri) out.uri = a.uri.toString();
  else if (typeof a.uri === 'string') out.uri = a.uri;
  if (a.show === false) out.show = false;
  return out;
}

function relativeTime(iso: string): string {
  const ms = Date.now() - new Date(iso).getTime();
  if (!Number.isFinite(ms)) return '';
  const min = Math.round(ms / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  return h < 48 ? `${h} h ago` : `${Math.round(h / 24)} days ago`;
}

export type { SimulateFailure, SimulateReport };
