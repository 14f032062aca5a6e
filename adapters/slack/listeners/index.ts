/** Registers every Slack listener on the app (listeners live apart from the receivers, bolt-js style). */
import type { App } from "@slack/bolt";
import type { ListenerDeps } from "./answer.ts";
import { registerActions } from "./actions.ts";
import { registerCommand } from "./command.ts";
import { registerMessages } from "./messages.ts";

export type { ListenerDeps, SlackCore } from "./answer.ts";

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommand(app, deps);
  registerActions(app, deps);
  registerMessages(app, deps);
}
