/**
 * Containment for handlers: a failure is logged to the connection console and
 * answered with a fallback value, so one broken feature never takes the server down.
 */
export interface ErrorLog {
  error(message: string): void;
}

export interface Guard {
  /** Wrap a handler (sync or async): a throw or rejection is reported and answered with `fallback`. */
  <A extends unknown[], R>(name: string, fn: (...args: A) => R, fallback?: Awaited<R>): (...args: A) => R;
  /** Report a failure caught elsewhere (timers, promise chains). */
  report(name: string, err: unknown): void;
}

export function makeGuard(log: ErrorLog): Guard {
  const report = (name: string, err: unknown): void => {
    try {
      log.error(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    } catch {
      // The connection itself is gone: nothing left to tell.
    }
  };
  const guard = <A extends unknown[], R>(name: string, fn: (...args: A) => R, fallback?: Awaited<R>) =>
    (...args: A): R => {
      try {
        const result = fn(...args);
        if (result && typeof (result as { then?: unknown }).then === 'function') {
          return (result as unknown as Promise<unknown>).catch((err) => {
            report(name, err);
            return fallback;
          }) as R;
        }
        return result;
      } catch (err) {
        report(name, err);
        return fallback as R;
      }
    };
  return Object.assign(guard, { report });
}
