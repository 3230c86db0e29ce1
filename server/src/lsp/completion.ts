/**
 * textDocument/completion: the core's completionsAt() on the editor's current
 * text, with names from the group's last analysis. Completion never waits for
 * a pending analysis (the line being typed rarely parses anyway); only a
 * group that has never been analyzed is analyzed first. Snippets are sent
 * only to clients that support them, as plain text otherwise.
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type ClientCapabilities,
  type CompletionItem as LspCompletionItem,
  type CompletionOptions,
  type CompletionParams,
} from 'vscode-languageserver';
import { completionsAt, snippetToText, type CompletionItem, type CompletionKind } from '../core/features/completion';
import { LineIndexCache } from './convert';
import type { DiagnosticsScheduler } from './diagnostics';
import { groupsFor } from './hover';
import type { WorkspaceIndex } from './workspace-index';

export const COMPLETION_TRIGGERS = ['=', '>', '/', '(', ',', '{', '$'];

export const completionOptions: CompletionOptions = { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false };

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  option: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  context: CompletionItemKind.Module,
  peer: CompletionItemKind.Reference,
  template: CompletionItemKind.Class,
  application: CompletionItemKind.Function,
  variable: CompletionItemKind.Variable,
  function: CompletionItemKind.Method,
  keyword: CompletionItemKind.Keyword,
};

/** Does the client accept snippet insert texts? */
export function supportsSnippets(client: ClientCapabilities | undefined): boolean {
  return !!client?.textDocument?.completion?.completionItem?.snippetSupport;
}

export class CompletionFeature {
  private snippets = false;
  private readonly lines = new LineIndexCache();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly scheduler: DiagnosticsScheduler,
  ) {}

  /** Called once with the client's capabilities (initialize). */
  setClient(client: ClientCapabilities | undefined): void {
    this.snippets = supportsSnippets(client);
  }

  complete(params: CompletionParams): LspCompletionItem[] {
    const file = this.index.pathOf(params.textDocument.uri);
    if (!file) return [];
    const groups = groupsFor(this.index, file);
    let group = groups.find((g) => g.last);
    if (!group && groups[0]) {
      this.scheduler.flush([groups[0]]);
      group = groups[0].last ? groups[0] : undefined;
    }
    const analysis = group?.last?.analysis;
    const text = this.index.textOf(file);
    const li = this.lines.get(file, text);
    const offset = li.offsetAt(params.position.line, params.position.character);
    const parsed = group && analysis?.texts.get(file) === text ? group.workspace.parse(file, text) : undefined;
    const items = completionsAt(analysis, parsed, file, offset, text);
    return items.map((i) => this.toLsp(i, li));
  }

  private toLsp(item: CompletionItem, li: { position(offset: number): { line: number; character: number } }): LspCompletionItem {
    const out: LspCompletionItem = { label: item.label, kind: KINDS[item.kind] };
    if (item.detail) out.detail = item.detail;
    if (item.documentation) out.documentation = { kind: MarkupKind.Markdown, value: item.documentation };
    if (item.sortText) out.sortText = item.sortText;
    if (item.filterText) out.filterText = item.filterText;
    let text = item.insertText ?? item.label;
    if (item.snippet) {
      if (this.snippets) out.insertTextFormat = InsertTextFormat.Snippet;
      else text = snippetToText(text);
    }
    if (item.replaceRange) out.textEdit = { range: { start: li.position(item.replaceRange.start), end: li.position(item.replaceRange.end) }, newText: text };
    else out.insertText = text;
    return out;
  }
}
