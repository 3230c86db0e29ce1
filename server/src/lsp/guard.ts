/**
 * Containment for handlers: a failure is logged to the connection console and
 * answered with a fallback value, so one broken feature never takes the server down.
 */
export interface ErrorLog {
  error(message: string): void;
}

export type Guard = <A extends unknown[], R>(name: string, fn: (...args: A) => R, fallback?: Awaited<R>) => (...args: A) => R;

export function makeGuard(log: ErrorLog): Guard {
  const report = (name: string, err: unknown): void => {
    try {
      log.error(`[asterisk] ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    } catch {
      // The connection itself is gone: nothing left to tell.
    }
  };
  return (name, fn, fallback) =>
    (...args) => {
      try {
        const result = fn(...args);
        if (result && typeof (result as { then?: unknown }).then === 'function') {
          return (result as Promise<unknown>).catch((err) => {
            report(name, err);
            return fallback;
          }) as typeof result;
        }
        return result;
      } catch (err) {
        report(name, err);
        return fallback as ReturnType<typeof fn>;
      }
    };
}
