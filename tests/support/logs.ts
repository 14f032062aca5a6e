/** Reading the bot's pino JSON lines in tests: from a child process's stdout or a harness's captured log. */
import type { BotProcess } from "../console/bot-process.ts";

/** The JSON log lines in `text`, parsed (other output, e.g. a console prompt, is skipped). */
export function logLines(text: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The `port` field of the first log line with message `msg`, once the process has printed it. */
export async function loggedPort(bot: BotProcess, msg: string): Promise<number> {
  const text = await bot.waitFor(new RegExp(`"msg":"${msg}".*\n`));
  return Number(logLines(text).find((line) => line.msg === msg)?.port);
}
