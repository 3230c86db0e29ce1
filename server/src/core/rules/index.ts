/**
 * Every diagnostic code the project reports: the one list that feeds settings,
 * docs and the test that each code is tested. Load-time codes are reported by
 * the parser, the loader and the models; analysis rules run here.
 */
import type { Diagnostic } from '../diagnostic';
import { appWithoutParentheses } from './app-without-parentheses';
import { didNotRouted } from './did-not-routed';
import { invalidInsecure } from './invalid-insecure';
import { missingSecret } from './missing-secret';
import { tollFraudRoute } from './toll-fraud-route';
import { unknownContext } from './unknown-context';
import type { Rule, RuleContext } from './rule';
import { dialUses, jumpGraphSteps, outboundPeers } from './routing';
import type { Steps } from '../steps';

export type { Rule, RuleContext } from './rule';

const load = (code: string, severity: Rule['severity'], description: string): Rule => ({ code, severity, description, stage: 'load' });

export const RULES: Rule[] = [
  // Generic config syntax (main/config.c)
  load('line-too-long', 'error', 'A line of 8,191 bytes or more: Asterisk skips it.'),
  load('comment-nesting-too-deep', 'error', 'Block comments nested more than 128 deep.'),
  load('unterminated-block-comment', 'warning', "A ';--' block comment never closed: the rest of the file is a comment."),
  load('stray-block-comment-end', 'warning', "A '--;' outside a block comment: Asterisk silently ignores every following line until a ';--'."),
  load('section-unclosed', 'error', "A section line without ']': Asterisk rejects the whole file."),
  load('section-options-unclosed', 'error', "Section options without ')': Asterisk rejects the whole file."),
  load('section-trailing-text', 'warning', "Text after ']' or ')' that Asterisk ignores (e.g. '[a] (!)' is not a template)."),
  load('append-to-unknown-section', 'error', '[name](+) for a section that does not exist above: Asterisk rejects the whole file.'),
  load('inherit-unknown-section', 'error', 'Inheritance from a section that is unknown or defined later: Asterisk rejects the whole file.'),
  load('line-outside-section', 'error', 'A setting before the first [section]: Asterisk rejects the whole file.'),
  load('invalid-escape', 'error', 'A backslash at the start of a line that escapes nothing printable: Asterisk rejects the whole file.'),
  load('missing-equals', 'warning', "A line without '=': Asterisk ignores it."),
  load('empty-variable-name', 'warning', "Nothing before '=': Asterisk ignores the line."),
  load('unknown-directive', 'warning', 'A #directive other than #include, #tryinclude and #exec: Asterisk ignores it.'),
  load('directive-missing-argument', 'warning', '#include/#exec without an argument: Asterisk ignores it.'),
  load('exec-not-evaluated', 'warning', '#exec is never run by this tool (and by Asterisk only with execincludes=yes).'),
  load('missing-include', 'error', '#include of a file that does not exist: Asterisk rejects the whole file.'),
  load('include-cycle', 'error', 'Files that include each other: Asterisk exceeds the include depth and rejects the file.'),
  load('include-depth-exceeded', 'error', '#include nested more than 10 levels deep.'),
  load('duplicate-include', 'warning', 'The same file included twice: its lines are loaded twice.'),
  load('file-unreadable', 'error', 'A config file that cannot be read.'),
  // extensions.conf (pbx_config)
  load('same-without-extension', 'error', "'same =>' with no 'exten =>' before it in the context."),
  load('label-unclosed', 'warning', "A priority label without ')': the line is dropped."),
  load('relative-priority-first', 'warning', "'n' or 's' priority on the first entry of a context: the line is dropped."),
  load('unknown-label', 'warning', 'A priority written as a label that does not exist (yet): the line is dropped.'),
  load('invalid-priority', 'warning', 'A priority below 1: the line is dropped.'),
  load('unclosed-parenthesis', 'warning', "An application's '(' without ')'."),
  load('empty-extension', 'warning', 'An empty extension: the line is ignored.'),
  load('discouraged-pattern', 'warning', "'_.' or '_!' also match s, i, t, h and T."),
  load('duplicate-priority', 'warning', 'A priority defined twice for one extension: the first wins, the line is dropped.'),
  load('duplicate-label', 'warning', 'A label used twice in one extension: the later priority loses its label.'),
  load('bad-include-timing', 'warning', 'A bad time, weekday, day or month field in an include time window.'),
  load('duplicate-include-context', 'warning', 'The same include twice in one context: the second is ignored.'),
  load('duplicate-ignorepat', 'warning', 'The same ignorepat twice in one context.'),
  load('duplicate-switch', 'warning', 'The same switch twice in one context.'),
  load('unknown-dialplan-key', 'warning', 'A key other than exten, same, include, switch, ignorepat, autohints in a context: ignored.'),
  // sip.conf (chan_sip)
  load('device-missing-type', 'warning', 'A sip.conf device section without type=: chan_sip skips it.'),
  load('device-unknown-type', 'error', 'type= other than friend, peer or user: chan_sip skips the device.'),
  load('invalid-option-value', 'warning', 'A value chan_sip rejects or replaces (nat, dtmfmode, qualify, directmedia, transport, port, allow, …).'),
  load('deprecated-option', 'information', 'An option name chan_sip accepts but has deprecated (username → defaultuser).'),
  load('malformed-register', 'error', 'A register => line chan_sip cannot parse: it never registers.'),
  load('register-warning', 'warning', 'A register => line with a bad transport or port that chan_sip replaces by a default.'),
  load('malformed-auth', 'warning', 'An [authentication] auth= entry in the wrong format.'),
  // Analysis rules (the mission diagnostics first)
  missingSecret,
  invalidInsecure,
  unknownContext,
  tollFraudRoute,
  didNotRouted,
  appWithoutParentheses,
];

export const RULES_BY_CODE = new Map(RULES.map((r) => [r.code, r]));

/**
 * The facts several rules share (each cached on its model), worked out one per step before the rules run, so that
 * on a multi-megabyte PBX no single step holds the language server for all of them. A fact that fails here is
 * left for the rule that needs it, which reports the failure (see runRule).
 */
export function* prepareRules(ctx: RuleContext): Steps<void> {
  const { dialplan, sip } = ctx.analysis;
  try {
    if (dialplan) {
      dialUses(dialplan);
      yield;
      yield* jumpGraphSteps(dialplan);
      yield;
    }
    if (sip) outboundPeers(sip, dialplan);
  } catch {
    // left for the rule that needs it, which reports it
  }
  yield;
}

/** One rule's findings; a failing rule must never take the others down, so its error becomes a finding. */
export function runRule(rule: Rule, ctx: RuleContext): Diagnostic[] {
  if (!rule.run) return [];
  try {
    return rule.run(ctx);
  } catch (err) {
    return [
      {
        file: ctx.analysis.roots[0]?.file ?? '',
        start: 0,
        end: 0,
        severity: 'information',
        code: 'internal-error',
        message: `Rule ${rule.code} failed: ${(err as Error).message}`,
      },
    ];
  }
}
