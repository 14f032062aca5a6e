// Plain JavaScript: worker entries (.mjs) call it before they register tsx's loader.
import { setPriority } from "node:os";

/**
 * Below the serving thread, not starved: at 10 a busy thread of the process gets about ten times its
 * share of a contended core (19 would leave a reload waiting minutes on a machine busy with other work).
 */
const BACKGROUND_NICE = 10;

/**
 * Lowers the calling thread to a lower scheduling priority (`BACKGROUND_NICE`), for background work (the index worker,
 * the dictionary's reader) that must never take a core from the serving thread: on Linux a thread has
 * its own nice value (`setpriority` of "0" is the calling thread). Elsewhere the nice value is the whole
 * process's, so nothing is changed there. Whether it was lowered.
 */
export function lowerThreadPriority() {
  if (process.platform !== "linux") return false;
  try {
    setPriority(BACKGROUND_NICE);
    return true;
  } catch {
    // Not allowed to: the work runs at the usual priority.
    return false;
  }
}
