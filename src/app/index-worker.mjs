// The index worker's entry: a worker thread does not inherit tsx's loader on Node 20, so it registers
// it before importing the TypeScript module.
import { register } from "tsx/esm/api";
import { lowerThreadPriority } from "../util/background-priority.mjs";

// A reload must never take a core from the serving thread: acks and answers wait for none of its work.
lowerThreadPriority();
register();
await import("./index-worker.ts");
