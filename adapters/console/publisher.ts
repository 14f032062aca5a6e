/**
 * Daily lessons in the console: a subscription made with `/lesson daily …` at the console posts here,
 * printed above the prompt while the console is open.
 */
import type { Publisher } from "../../src/reply/publisher.ts";
import type { Reply } from "../../src/reply/types.ts";
import type { ConsoleSession } from "./console.ts";

export class ConsolePublisher implements Publisher {
  readonly platform = "console" as const;

  constructor(private readonly session: Pick<ConsoleSession, "show">) {}

  async publish(_channelId: string, reply: Reply): Promise<void> {
    this.session.show(reply);
  }
}
