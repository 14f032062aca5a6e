/**
 * Waiters let through a few per turn of the event loop, in arrival order. CPU-bound jobs (a search and its
 * reply) that each wait for `next()` run one per turn, with the loop's I/O polled between them: a request
 * that arrives while twenty answers are queued is read, and acknowledged, after the answer running now —
 * not after all twenty, as when each job waits for its own `setImmediate` (Node runs every queued
 * immediate in one go).
 *
 * A backlog drains a little faster — up to MAX_PER_TURN a turn, a quarter of those waiting — so that jobs
 * keep up when turns are long: a reload's sliced work takes ~10 ms of each turn (src/util/steps.ts), and
 * one answer per turn beside it is fewer than 200 a second.
 */
const MAX_PER_TURN = 4;
const SHARE_PER_TURN = 4;

export class TurnQueue {
  readonly #waiting: (() => void)[] = [];
  /** Index of the next waiter in `#waiting` (shifting an array is O(n) when many wait). */
  #head = 0;
  #scheduled = false;

  /** Resolves on a later turn of the event loop, after pending I/O, once every earlier waiter has been let through. */
  next(): Promise<void> {
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      this.#schedule();
    });
  }

  /** Waiters not yet let through. */
  get length(): number {
    return this.#waiting.length - this.#head;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // An immediate queued while immediates run waits for the next turn, after that turn's poll for I/O.
    setImmediate(this.#turn);
  }

  readonly #turn = (): void => {
    this.#scheduled = false;
    const count = Math.min(MAX_PER_TURN, Math.ceil(this.length / SHARE_PER_TURN));
    const released = this.#waiting.slice(this.#head, this.#head + count);
    this.#head += released.length;
    if (this.#head === this.#waiting.length) {
      this.#waiting.length = 0;
      this.#head = 0;
    } else if (this.#head > 1024) {
      this.#waiting.splice(0, this.#head);
      this.#head = 0;
    }
    // Queue the next turn first: the waiters' work runs in this turn's microtasks, the next ones after I/O.
    if (this.length > 0) this.#schedule();
    for (const resolve of released) resolve();
  };
}
