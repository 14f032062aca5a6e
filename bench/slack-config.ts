/** The made-up workspace both sides of the Slack benchmark use (bench/slack-target.ts, bench/slack-e2e.ts). */
export const BENCH_SLACK = {
  botToken: "xoxb-bench-0000-benchtoken",
  signingSecret: "bench-signing-secret-0000000000000",
  user: { id: "UBENCH001", name: "bench" },
  teamId: "T0000001",
  channelId: "C0BENCH01",
};
