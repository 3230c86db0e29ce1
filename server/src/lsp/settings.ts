/**
 * The `asterisk` settings section as the server uses it. Per-code severities
 * (`asterisk.diagnostics.<code>`) become the Workspace's `severities`.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { RULES_BY_CODE, type SeverityOverride } from '../core';

export interface ServerSettings {
  /** Absolute config directory from `asterisk.configDirectory`, if set. */
  configDirectory?: string;
  debounceMs: number;
  severities: Record<string, SeverityOverride>;
}

export const DEFAULT_DEBOUNCE_MS = 200;
export const DEFAULT_SETTINGS: ServerSettings = { debounceMs: DEFAULT_DEBOUNCE_MS, severities: {} };

const LEVELS = new Set<string>(['off', 'hint', 'information', 'warning', 'error']);

/**
 * Read the `asterisk` section. `'default'` (or anything unknown) keeps the
 * severity the core chose; a relative configDirectory resolves against the
 * first workspace folder.
 */
export function parseSettings(raw: unknown, roots: readonly string[] = []): ServerSettings {
  const section = isObject(raw) ? raw : {};
  const diagnostics = isObject(section.diagnostics) ? section.diagnostics : {};
  const settings: ServerSettings = { debounceMs: DEFAULT_DEBOUNCE_MS, severities: {} };

  const debounce = diagnostics.debounceMs;
  if (typeof debounce === 'number' && Number.isFinite(debounce)) settings.debounceMs = Math.max(0, Math.min(10_000, Math.round(debounce)));

  for (const [code, value] of Object.entries(diagnostics)) {
    if (code === 'debounceMs' || typeof value !== 'string') continue;
    if (LEVELS.has(value) && (RULES_BY_CODE.has(code) || code === 'internal-error')) settings.severities[code] = value as SeverityOverride;
  }

  const dir = section.configDirectory;
  if (typeof dir === 'string' && dir.trim() !== '') {
    let d = dir.trim();
    if (d === '~' || d.startsWith('~/')) d = path.join(os.homedir(), d.slice(1));
    settings.configDirectory = path.normalize(path.isAbsolute(d) ? d : path.resolve(roots[0] ?? process.cwd(), d));
  }
  return settings;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
