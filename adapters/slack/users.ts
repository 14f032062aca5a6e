/**
 * Who a Slack user is, as far as the bot cares: a display name (for "shared by …"), whether they may
 * change channel settings, and their locale. Looked up with `users.info` and cached briefly, because every
 * interaction needs it and names/roles rarely change.
 */
import type { webApi } from "@slack/bolt";
import type { Logger } from "../../src/log/logger.ts";
import { TtlCache } from "./ttl-cache.ts";
import { describeError } from "./logger.ts";

export interface SlackUser {
  name?: string;
  /** Workspace admin or owner. */
  isAdmin: boolean;
  locale?: string;
}

const CACHE_MS = 5 * 60_000;
/** A failed lookup (missing `users:read`, Slack hiccup) is retried soon, not on every message. */
const FAILURE_CACHE_MS = 30_000;

export class UserDirectory {
  readonly #cache = new TtlCache<SlackUser>(CACHE_MS, 5_000);

  constructor(private readonly client: webApi.WebClient) {}

  async lookup(userId: string, log: Logger): Promise<SlackUser> {
    const cached = this.#cache.get(userId);
    if (cached) return cached;
    try {
      const result = await this.client.users.info({ user: userId, include_locale: true });
      const user = result.user;
      const profile = user?.profile;
      const name = [profile?.display_name, profile?.real_name, user?.real_name, user?.name].find(
        (n): n is string => typeof n === "string" && n.trim() !== "",
      );
      const info: SlackUser = {
        isAdmin: Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner),
        ...(name !== undefined && { name }),
        ...(user?.locale !== undefined && { locale: user.locale }),
      };
      this.#cache.set(userId, info);
      return info;
    } catch (error) {
      log.warn({ err: describeError(error), userId }, "users.info failed; treating user as non-admin");
      const fallback: SlackUser = { isAdmin: false };
      this.#cache.set(userId, fallback, FAILURE_CACHE_MS);
      return fallback;
    }
  }
}
