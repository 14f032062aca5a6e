import type { RespondMode } from "../../../src/commands/types.ts";
import type { LessonSubcommand } from "./types.ts";
import { localized } from "./types.ts";

const MODES: { value: RespondMode; en: string; zh: string }[] = [
  { value: "mentions", en: "Only when @mentioned", zh: "只回应 @ 提及" },
  { value: "questions", en: "Also messages that read as questions", zh: "也回答看起来是问题的消息" },
  { value: "all", en: "Every message, only when there is a good answer", zh: "所有消息（只在有好答案时开口）" },
];

/**
 * `/lesson config [respond:<mode>]`: how this channel's messages are answered. Without a mode it shows the
 * current one. Changing it takes Manage Channels (checked by the core from the context).
 */
export const config: LessonSubcommand = {
  name: "config",
  define(builder) {
    const description = { en: "How lessonbot answers in this channel", zh: "设置 lessonbot 在本频道的回应方式", zhTW: "設定 lessonbot 在本頻道的回應方式" };
    const respond = { en: "Which messages get an answer (needs Manage Channels)", zh: "回应哪些消息（需要“管理频道”权限）", zhTW: "回應哪些訊息（需要「管理頻道」權限）" };
    builder.addSubcommand((sub) =>
      sub
        .setName("config")
        .setDescription(description.en)
        .setDescriptionLocalizations(localized(description))
        .addStringOption((option) =>
          option
            .setName("respond")
            .setDescription(respond.en)
            .setDescriptionLocalizations(localized(respond))
            .addChoices(...MODES.map((m) => ({ name: m.en, value: m.value, name_localizations: localized(m) }))),
        ),
    );
  },
  invocation(options) {
    const mode = options.getString("respond");
    return mode === null ? { name: "config", key: "", value: "" } : { name: "config", key: "respond", value: mode };
  },
  ephemeral: () => true,
};
