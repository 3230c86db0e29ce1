/**
 * Sample objects kept for the life of the process, so that V8 keeps their hidden classes ("maps").
 *
 * V8 keeps the map an object reaches as its fields are added — every class instance's, a Chevrotain token's once
 * its payload is set — only while some object has it. A full garbage collection that finds none (the last model
 * was dropped; the tokens of the last parse always are) frees the map and throws away every optimized function
 * compiled against it (`--trace-deopt`: "reason: weak objects"): the next check runs those functions unoptimized
 * and compiles them again on the side. On a 1 MB dialplan that was a third of a check after each full collection.
 * A sample of each hot shape, kept here, keeps the maps and the code (test/unit/shapes.test.ts watches for it).
 */
const samples: unknown[] = [];

/** Keep `sample` (and so its map) alive; returns it. */
export function keepShape<T>(sample: T): T {
  samples.push(sample);
  return sample;
}

/** What is kept (for the test that each sample still has the map of the objects it stands for). */
export function keptSamples(): readonly unknown[] {
  return samples;
}
