/**
 * Work written as a generator that yields between steps, so the same code runs whole (a CLI, a test, the
 * reload worker) or a slice at a time on a serving event loop (a reload's main thread, warm-up).
 */

/** Runs every step now. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Work between two turns of the event loop when driving steps: slices are small (some are much longer
 * than others), so short ones run together up to this budget, and a long one blocks about this long.
 */
export const DRIVE_BUDGET_MS = 10;

/**
 * Runs the steps, letting the event loop run between steps once they have taken `budgetMs`. The first
 * step waits for a turn of its own: a drive that follows another (a reload's next phase awaiting the one
 * before) would otherwise spend its budget in the turn the last one already spent its own in.
 */
export async function driveSteps<T>(steps: Generator<void, T>, budgetMs = DRIVE_BUDGET_MS): Promise<T> {
  await nextTurn();
  let started = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - started < budgetMs) continue;
    await nextTurn();
    started = performance.now();
  }
}

/**
 * Resolves on the event loop's next turn, after pending I/O. Referenced: an unreferenced immediate lets an
 * idle process sleep in its poll phase until some other event, stalling the work that waits for it.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
