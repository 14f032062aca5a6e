// The worker of `sharesInWorker` (article-shares.ts). A worker thread does not inherit tsx's loader on
// Node 20, so it registers it before importing the TypeScript module.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { articleShare } = await import("./article-shares.ts");
parentPort.postMessage(workerData.map(articleShare));
