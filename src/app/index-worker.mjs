// The index worker's entry: a worker thread does not inherit tsx's loader on Node 20, so it registers
// it before importing the TypeScript module.
import { register } from "tsx/esm/api";

register();
await import("./index-worker.ts");
