/**
 * Work done in steps: a generator that yields between pieces of a long job
 * (Workspace.analyzeSteps and what it calls), so a caller can spread it over
 * several turns of an event loop or drop it. `runToEnd` does it all at once.
 */
export type Steps<T> = Generator<void, T, void>;

/** Take every step now and return the result. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
