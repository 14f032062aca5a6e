/**
 * Slack interaction → `CommandContext`: who acts (with their admin rights), where, and a request id with
 * a logger that carries it through every line of this interaction.
 */
import type { CommandContext } from "../../src/commands/types.ts";
import { newRequestId, requestLogger, type Logger } from "../../src/log/logger.ts";
import { requestScope } from "../../src/ops/last-resort.ts";
import type { UserDirectory } from "./users.ts";

export interface InteractionSource {
  /** What arrived: `command`, `action`, `message`, … (for logs). */
  kind: string;
  userId: string;
  /** The name Slack put in the payload, used when `users.info` has none. */
  userName?: string;
  channelId: string;
  teamId?: string;
}

export class ContextFactory {
  readonly #admins: ReadonlySet<string>;

  constructor(
    private readonly users: UserDirectory,
    adminUserIds: readonly string[],
    private readonly log: Logger,
  ) {
    this.#admins = new Set(adminUserIds);
  }

  async build(source: InteractionSource): Promise<CommandContext> {
    // The guard at the door gave the request its id: keep it, so its lines and these share one.
    const requestId = requestScope.getStore()?.reqId ?? newRequestId();
    const log = requestLogger(this.log, {
      reqId: requestId,
      platform: "slack",
      kind: source.kind,
      user: source.userId,
      channel: source.channelId,
    });
    const user = await this.users.lookup(source.userId, log);
    const name = user.name ?? source.userName;
    return {
      platform: "slack",
      actor: {
        id: source.userId,
        ...(name !== undefined && { name }),
        canManageChannel: user.isAdmin || this.#admins.has(source.userId),
      },
      channelId: source.channelId,
      ...(source.teamId !== undefined && { workspaceId: source.teamId }),
      ...(user.locale !== undefined && { locale: user.locale }),
      requestId,
      log,
    };
  }
}
