/**
 * Typed access to mocha's BDD functions without @types/mocha (not a project
 * dependency): index.ts loads mocha (bundled from .e2e/node_modules by
 * scripts/e2e/build-suite.mjs), lets it install describe/it/... into a context
 * object, and these wrappers call them. Test files import from here.
 */

/** The `this` of a test or hook (a subset of Mocha.Context). */
export interface TestContext {
  /** Marks the test pending (reported as skipped) and stops it. */
  skip(): never;
  timeout(ms: number): void;
}

export type TestFn = (this: TestContext) => unknown;
export type SuiteFn = () => void;

interface Bdd {
  describe(title: string, fn: SuiteFn): unknown;
  it(title: string, fn: TestFn): unknown;
  before(fn: TestFn): unknown;
  after(fn: TestFn): unknown;
  beforeEach(fn: TestFn): unknown;
  afterEach(fn: TestFn): unknown;
}

let bdd: Bdd | undefined;

/** Called by index.ts once mocha has filled `context` (the `pre-require` event). */
export function useMochaContext(context: object): void {
  bdd = context as Bdd;
}

function api(): Bdd {
  if (!bdd) throw new Error('mocha is not loaded: tests must be registered from index.ts run()');
  return bdd;
}

export const describe = (title: string, fn: SuiteFn): void => void api().describe(title, fn);
export const it = (title: string, fn: TestFn): void => void api().it(title, fn);
export const before = (fn: TestFn): void => void api().before(fn);
export const after = (fn: TestFn): void => void api().after(fn);
export const beforeEach = (fn: TestFn): void => void api().beforeEach(fn);
export const afterEach = (fn: TestFn): void => void api().afterEach(fn);

/** Skip the current test with a reason that shows in the log. */
export function skip(ctx: TestContext, reason: string): never {
  console.log(`      ↷ skipped: ${reason}`);
  return ctx.skip();
}
