import type { Command } from "./command.ts";
import type { RespondMode } from "./types.ts";
import { notice } from "../reply/build.ts";
import { translator } from "../i18n/index.ts";
import { coreMessages } from "../i18n/core.ts";

const t = translator(coreMessages);
const MODES: readonly RespondMode[] = ["mentions", "questions", "all"];

function isMode(value: string): value is RespondMode {
  return (MODES as readonly string[]).includes(value);
}

/** `/lesson config respond <mode>`: how this channel's messages get answered. */
export const configCommand: Command<"config"> = {
  name: "config",
  async handle({ key, value }, ctx, deps) {
    const locale = deps.locale(ctx);
    const channel = { platform: ctx.platform, channelId: ctx.channelId };
    if (key === "" || (key === "respond" && value === "")) {
      const { respondMode } = await deps.store.getChannelSettings(channel);
      return notice([t(locale, "config.current", { mode: t(locale, `config.mode.${respondMode}`) }), t(locale, "config.usage")].join("\n"));
    }
    if (key !== "respond" || !isMode(value)) return notice(t(locale, "config.usage"), "error");
    if (!ctx.actor.canManageChannel) return notice(t(locale, "config.denied"), "error");
    await deps.store.setRespondMode(channel, value);
    ctx.log.info({ channelId: ctx.channelId, respondMode: value }, "respond mode changed");
    return notice(t(locale, "config.set", { mode: t(locale, `config.mode.${value}`) }));
  },
};
