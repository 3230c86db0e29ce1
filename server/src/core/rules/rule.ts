import type { Diagnostic, Severity } from '../diagnostic';
import type { Analysis } from '../workspace';

export interface RuleContext {
  analysis: Analysis;
}

/** One diagnostic code: its default severity, what it means, and (for analysis rules) the check. */
export interface Rule {
  code: string;
  severity: Severity;
  /** One line for settings and docs. */
  description: string;
  /** 'load': reported while loading (parser, loader, models); 'analysis': a rule that runs on the models. */
  stage: 'load' | 'analysis';
  run?(ctx: RuleContext): Diagnostic[];
}
