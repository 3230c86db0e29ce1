/** The pure core's public surface: what the server, the CLI and the tests import. */
export type { Diagnostic, Fix, Location, RelatedInformation, Severity, TextEdit } from './diagnostic';
export type { ConfigHost } from './host';
export { memoryHost } from './host';
export { LineIndex } from './text/line-index';
export { Workspace, fileKindOf, type Analysis, type FileKind, type RootResult, type SeverityOverride, type WorkspaceOptions } from './workspace';
export { RULES, RULES_BY_CODE } from './rules/index';
export { runToEnd, type Steps } from './steps';
