/**
 * The "Simulate Dial" panel as HTML: pure functions of the server's report (no
 * `vscode` import, so unit tests render it directly). Every piece of config
 * text is escaped; the page runs under a strict Content-Security-Policy
 * (nothing by default, the style and script only with the panel's nonce), and
 * talks to the extension by posting messages:
 *   `{ type: 'open', uri, line }` open a file at a 1-based line,
 *   `{ type: 'rerun', index }`   run recent simulation number `index` again.
 */
import type { SimulateFailure, SimulateParams, SimulateReport, SourcePlace } from '../../server/src/lsp/protocol';

/** A simulation kept in the history (workspaceState), newest first. */
export interface RecentSimulation {
  params: SimulateParams;
  /** When it last ran (ISO 8601). */
  at: string;
}

export type ViewMessage = { type: 'open'; uri: string; line: number } | { type: 'rerun'; index: number };

/** A message from the page, checked (the page is not trusted beyond its shape). */
export function parseViewMessage(m: unknown): ViewMessage | undefined {
  if (!m || typeof m !== 'object') return undefined;
  const o = m as Record<string, unknown>;
  if (o.type === 'open' && typeof o.uri === 'string' && /^(file|untitled):/.test(o.uri) && Number.isInteger(o.line) && (o.line as number) >= 1) {
    return { type: 'open', uri: o.uri, line: o.line as number };
  }
  if (o.type === 'rerun' && Number.isInteger(o.index) && (o.index as number) >= 0) return { type: 'rerun', index: o.index as number };
  return undefined;
}

/** Allowed in a dialed number: digits, * # +, letters (s, i, t, h…), and - _ . ! for patterns. */
const NUMBER_RE = /^[0-9A-Za-z*#+_.!\-]+$/;

/** The number input box's check: an error message, or undefined when fine. */
export function validateNumber(value: string): string | undefined {
  if (value.trim() === '') return 'Enter the number to dial.';
  if (/\s/.test(value)) return 'A number has no spaces.';
  if (!NUMBER_RE.test(value)) return 'Use digits, *, #, +, letters (like s or i), or - _ . ! only.';
  return undefined;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content and (quoted) attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** The panel's title. */
export function panelTitle(number: string): string {
  return `Simulate Dial: ${number}`;
}

/** One line describing a simulation: "2223334444 from [internal]", "5551112222 from device TheITSP-In (caller ID 555)". */
export function describeParams(p: SimulateParams): string {
  const from = p.context !== undefined ? `from [${p.context}]` : p.fromPeer !== undefined ? `from device ${p.fromPeer}` : p.guest ? 'as a guest call' : '';
  const cid = p.callerId !== undefined ? ` (caller ID ${p.callerId === '' ? 'empty' : p.callerId})` : '';
  const time = p.time === null ? ', time windows ignored' : p.time ? `, at ${p.time}` : '';
  return `${p.number} ${from}${cid}${time}`.trim();
}

export interface RenderOptions {
  /** The webview's `cspSource` (allowed for styles). */
  cspSource: string;
  /** A fresh random nonce for the page's one style and one script. */
  nonce: string;
}

export function contentSecurityPolicy(o: RenderOptions): string {
  return [`default-src 'none'`, `style-src ${o.cspSource} 'nonce-${o.nonce}'`, `script-src 'nonce-${o.nonce}'`, `img-src ${o.cspSource}`, `font-src ${o.cspSource}`].join('; ');
}

const e = escapeHtml;

function link(p: SourcePlace | undefined, text?: string): string {
  if (!p) return '';
  const label = text ?? `${p.file}:${p.line}`;
  return `<a href="#" class="loc" data-uri="${e(p.uri)}" data-line="${e(p.line)}" title="${e(`Open ${p.file} at line ${p.line}`)}">${e(label)}</a>`;
}

const code = (t: string): string => `<code>${e(t)}</code>`;

function entryText(r: SimulateReport): string {
  const ctx = code(`[${r.entry.context}]`);
  if (r.entry.how === 'peer') {
    const dev = r.entry.device ? `${code(r.entry.device.name)} (${link(r.entry.device)})` : code(r.entry.peer ?? '');
    return `A call from device ${dev}, entering ${ctx}`;
  }
  if (r.entry.how === 'guest') return `A guest call (unknown sender), entering ${ctx}`;
  return `A call entering ${ctx}`;
}

function summary(r: SimulateReport): string {
  const rows: string[] = [];
  const cid = r.input.callerId !== undefined ? (r.input.callerId === '' ? 'empty' : code(r.input.callerId)) : 'none';
  const time = r.input.time === null ? 'ignored (every include time window open)' : r.input.time ? code(r.input.time) : 'now';
  rows.push(`<p class="entry">${entryText(r)}. Caller ID: ${cid}. Include time windows: ${time}.</p>`);
  if (r.winner) {
    const w = r.winner;
    rows.push(`<p class="verdict ok"><span class="label">Runs</span> ${code(w.extension)} in ${code(`[${w.context}]`)}, priority ${e(w.priority)}: ${code(`${w.app}(${w.args})`)} — ${link(w)}</p>`);
  } else {
    rows.push(`<p class="verdict none"><span class="label">No match</span> ${e(r.outcome.message)}</p>`);
  }
  return rows.join('\n');
}

function outcomeSection(r: SimulateReport): string {
  if (!r.winner) return '';
  const o = r.outcome;
  const parts = [`<p class="outcome kind-${e(o.kind)}"><span class="label">${e(OUTCOME_LABELS[o.kind] ?? o.kind)}</span> ${e(o.message)}</p>`];
  if (o.trunk) {
    const t = o.trunk;
    parts.push(
      `<p class="trunk">Trunk: ${code(t.name)}${t.number !== undefined ? ` dialing ${code(t.number)}` : ''}${t.host ? ` at host ${code(t.host)}` : ''}, ${
        t.authenticated ? 'authenticating with its secret' : 'without credentials'
      } — ${link(t)}</p>`,
    );
  } else if (o.targets?.length) {
    const items = o.targets.map((t) => {
      const dest = code(`${t.tech}/${t.resource}`);
      return `<li>${dest}${t.device ? ` → device ${code(t.device.name)}${t.device.host ? ` (host ${code(t.device.host)})` : ''} — ${link(t.device)}` : ''}</li>`;
    });
    parts.push(`<ul class="targets">${items.join('')}</ul>`);
    parts.push('<p class="hint">No trunk: the call does not leave through a provider device.</p>');
  }
  return section('Where the call goes', parts.join('\n'));
}

const OUTCOME_LABELS: Record<string, string> = {
  dial: 'Dials',
  hangup: 'Hangs up',
  fallthrough: 'Ends',
  dynamic: 'Stops (run-time target)',
  loop: 'Loops',
  'no-match': 'No match',
  'missing-target': 'Fails',
  limit: 'Stopped',
  error: 'Error',
};

const STATUS_LABELS: Record<string, string> = { winner: 'runs', 'no-priority': 'no priority 1', shadowed: 'not reached' };

function candidatesSection(r: SimulateReport): string {
  if (r.candidates.length === 0) return '';
  const rows = r.candidates.map(
    (c) =>
      `<tr class="cand ${e(c.status)}"><td>${code(c.extension)}</td><td>${code(`[${c.context}]`)}</td><td><span class="badge ${e(c.status)}">${e(STATUS_LABELS[c.status] ?? c.status)}</span></td><td>${e(c.reason)}</td><td>${link(c)}</td></tr>`,
  );
  const intro = r.winner
    ? 'Every extension that matches the number, in the order Asterisk tries them: the first one with priority 1 runs.'
    : 'Extensions that match the number, in the order Asterisk tries them: none has priority 1.';
  return section(
    r.winner ? 'Why it beat the other candidates' : 'Candidates',
    `<p class="hint">${e(intro)}</p><table><thead><tr><th>Extension</th><th>Context</th><th></th><th>Why</th><th>Where</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  );
}

function includeSection(r: SimulateReport): string {
  const parts: string[] = [];
  if (r.winner && r.includePath.length > 1) {
    const steps = r.includePath.map((s) => `<li>${code(`[${s.context}]`)}${s.via ? ` — ${code(`include => ${s.context}`)} in ${code(`[${s.via.from}]`)}, ${link(s.via)}` : ' (entry)'}</li>`);
    parts.push(`<ol class="path">${steps.join('')}</ol>`);
  } else if (r.winner) {
    parts.push(`<p>Found directly in the entry context ${code(`[${r.entry.context}]`)}.</p>`);
  } else if (r.searched.length) {
    parts.push(`<p>Searched: ${r.searched.map((c) => code(`[${c}]`)).join(' → ')}</p>`);
  }
  if (r.searchNotes.length) parts.push(`<ul class="search-notes">${r.searchNotes.map((n) => `<li>${e(n.message)}${n.at ? ` — ${link(n.at)}` : ''}</li>`).join('')}</ul>`);
  return parts.length ? section('Include path', parts.join('\n')) : '';
}

type Step = SimulateReport['trace'][number];

function traceRows(steps: Step[]): string {
  return steps
    .map((s) => {
      const written = s.written !== undefined && s.written !== s.args ? `<div class="written">as written: ${code(`${s.app}(${s.written})`)}</div>` : '';
      const note = s.note ? `<div class="note">${e(s.note)}</div>` : '';
      const alts = (s.alternatives ?? [])
        .map(
          (a) =>
            `<details class="alt"><summary>Alternative: ${e(a.label)} → ${e(a.outcome.message)}</summary>${a.trace.length ? `<ol class="trace">${traceRows(a.trace)}</ol>` : ''}</details>`,
        )
        .join('');
      const where = `${code(`[${s.context}] ${s.exten},${s.priority}${s.label ? `(${s.label})` : ''}`)}`;
      return `<li><div class="step">${link(s)} ${where} ${code(`${s.app}(${s.args})`)}</div>${written}${note}${alts}</li>`;
    })
    .join('');
}

function traceSection(r: SimulateReport): string {
  if (!r.winner) return '';
  const body = r.trace.length ? `<ol class="trace">${traceRows(r.trace)}</ol>` : '<p>No priority runs.</p>';
  return section('Priorities that run', body + `<p class="result"><span class="label">Result</span> ${e(r.outcome.message)}</p>`);
}

function modesSection(r: SimulateReport): string {
  const m = r.modes;
  const mode = (on: boolean, name: string, what: string) => `<li class="${on ? 'yes' : 'no'}">${code(name)} ${on ? 'yes' : 'no'} — ${e(what)}</li>`;
  return section(
    'Match modes',
    `<ul class="modes">${mode(m.exists, 'exists', 'an extension matches the number as dialed')}${mode(m.canMatch, 'canmatch', 'the number is an extension or a prefix of one')}${mode(
      m.matchMore,
      'matchmore',
      'more digits could still match (Asterisk would wait for them)',
    )}</ul>`,
  );
}

function notesSection(notes: string[]): string {
  if (!notes.length) return '';
  return `<div class="notes" role="alert">${notes.map((n) => `<p>⚠ ${e(n)}</p>`).join('')}</div>`;
}

function recentSection(recent: RecentSimulation[]): string {
  if (!recent.length) return '';
  const items = recent.map(
    (r, i) => `<li><button type="button" class="rerun" data-index="${i}" title="Run this simulation again">Re-run</button> <span>${e(describeParams(r.params))}</span></li>`,
  );
  return section('Recent simulations', `<ul class="recent">${items.join('')}</ul>`);
}

function section(title: string, body: string): string {
  return `<section><h2>${e(title)}</h2>\n${body}\n</section>`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 1em 2em; line-height: 1.45; }
h1 { font-size: 1.4em; margin: .6em 0 .2em; }
h2 { font-size: 1.1em; margin: 1.2em 0 .4em; border-bottom: 1px solid var(--vscode-panel-border, #8884); padding-bottom: .2em; }
code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background, #8882); padding: 0 .25em; border-radius: 3px; }
a.loc { color: var(--vscode-textLink-foreground, #3794ff); text-decoration: none; font-family: var(--vscode-editor-font-family); }
a.loc:hover, a.loc:focus { text-decoration: underline; color: var(--vscode-textLink-activeForeground, #3794ff); }
.label { font-weight: 600; margin-right: .4em; }
.verdict.ok .label, .outcome.kind-dial .label { color: var(--vscode-testing-iconPassed, #3a3); }
.verdict.none .label { color: var(--vscode-errorForeground); }
.notes { border-left: 3px solid var(--vscode-editorWarning-foreground, #c90); background: var(--vscode-inputValidation-warningBackground, #c902); padding: .2em .8em; margin: .8em 0; }
table { border-collapse: collapse; width: 100%; }
td code, .badge { white-space: nowrap; }
th, td { text-align: left; vertical-align: top; padding: .25em .5em; border-bottom: 1px solid var(--vscode-panel-border, #8883); }
tr.winner td { background: var(--vscode-editor-rangeHighlightBackground, #8882); }
.badge { font-size: .85em; padding: 0 .4em; border-radius: 8px; border: 1px solid currentColor; white-space: nowrap; }
.badge.winner { color: var(--vscode-testing-iconPassed, #3a3); }
.badge.no-priority { color: var(--vscode-editorWarning-foreground, #c90); }
.badge.shadowed { opacity: .75; }
ol.trace > li { margin: .3em 0; }
.note, .written, .hint { opacity: .85; font-size: .95em; }
details.alt { margin: .2em 0 .2em 1em; }
.modes .no { opacity: .7; }
ul.recent { list-style: none; padding-left: 0; }
ul.recent li { margin: .25em 0; }
button.rerun { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: .15em .7em; cursor: pointer; border-radius: 2px; }
button.rerun:hover { background: var(--vscode-button-hoverBackground); }
.error { color: var(--vscode-errorForeground); }
`;

const SCRIPT = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (ev) => {
  const t = ev.target instanceof Element ? ev.target : null;
  const loc = t && t.closest('a.loc');
  if (loc) {
    ev.preventDefault();
    vscode.postMessage({ type: 'open', uri: loc.getAttribute('data-uri'), line: Number(loc.getAttribute('data-line')) });
    return;
  }
  const btn = t && t.closest('button.rerun');
  if (btn) vscode.postMessage({ type: 'rerun', index: Number(btn.getAttribute('data-index')) });
});
`;

/** The whole page for a report (or a failure) and the recent simulations. */
export function renderSimulation(result: SimulateReport | SimulateFailure, params: SimulateParams, recent: RecentSimulation[], o: RenderOptions): string {
  const nonce = e(o.nonce);
  let body: string;
  if ('error' in result) {
    body = `<h1>${e(panelTitle(params.number))}</h1><p class="error">The simulation failed: ${e(result.error)}</p>`;
  } else {
    body = [
      `<h1>${e(panelTitle(result.input.number))}</h1>`,
      summary(result),
      notesSection(result.notes),
      outcomeSection(result),
      candidatesSection(result),
      includeSection(result),
      traceSection(result),
      modesSection(result),
    ].join('\n');
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(o).replace(/[&"<>]/g, (c) => ESCAPES[c]!)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${e(panelTitle(params.number))}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
${body}
${recentSection(recent)}
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}
