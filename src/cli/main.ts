/**
 * `npm run -s cli -- <command> …`: the entry point; `dispatch.ts` does the work (and is what tests import).
 */
import { main } from "./dispatch.ts";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
