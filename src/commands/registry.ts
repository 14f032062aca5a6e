/**
 * Every command, one file each. Adding a command = a file + a line here (+ its Discord definition).
 */
import type { Command } from "./command.ts";
import type { CommandName } from "./types.ts";
import { searchCommand } from "./search.ts";
import { helpCommand } from "./help.ts";
import { randomCommand } from "./random.ts";
import { configCommand } from "./config.ts";
import { dailyCommand } from "./daily.ts";
import { todayCommand } from "./today.ts";
import { sourcesCommand } from "./sources.ts";
import { statsCommand } from "./stats.ts";

export const commands: { [N in CommandName]: Command<N> } = {
  search: searchCommand,
  help: helpCommand,
  random: randomCommand,
  config: configCommand,
  daily: dailyCommand,
  today: todayCommand,
  sources: sourcesCommand,
  stats: statsCommand,
};
