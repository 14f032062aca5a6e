import { afterEach, describe, expect, it } from "vitest";
import { createMetrics, type IndexSource } from "../../src/ops/metrics.ts";
import { opsRoutes } from "../../src/ops/routes.ts";
import { startOpsServer, type OpsServer } from "../../src/ops/server.ts";

/** An index whose loading the test finishes by hand. */
function gatedIndex(): IndexSource & { load(articles: number, passages: number): void } {
  let counts: { articles: number; passages: number } | undefined;
  return {
    isReady: () => counts !== undefined,
    counts: () => {
      if (!counts) throw new Error("not loaded");
      return counts;
    },
    load(articles, passages) {
      counts = { articles, passages };
    },
  };
}

let server: OpsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("ops routes over HTTP", () => {
  it("/healthz answers 503 loading until the index is loaded, then 200 with its size", async () => {
    const index = gatedIndex();
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.watchIndex(index);
    server = await startOpsServer(opsRoutes(index, metrics), 0, "127.0.0.1");
    const url = `http://127.0.0.1:${server.port}/healthz`;

    const before = await fetch(url);
    expect(before.status).toBe(503);
    expect(before.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await before.json()).toEqual({ status: "loading" });

    index.load(5, 312);
    const after = await fetch(url);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ status: "ok", articles: 5, passages: 312 });
  });

  it("/metrics exposes command counts by platform and command, latency, errors and the index size", async () => {
    const index = gatedIndex();
    const metrics = createMetrics();
    metrics.watchIndex(index);
    server = await startOpsServer(opsRoutes(index, metrics), 0, "127.0.0.1");
    const scrape = async () => {
      const res = await fetch(`http://127.0.0.1:${server!.port}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      return res.text();
    };

    expect(await scrape()).toContain("lessonbot_index_ready 0");
    index.load(5, 312);
    metrics.onCommand({ platform: "slack", command: "search", outcome: "ok", seconds: 0.004 });
    metrics.onCommand({ platform: "slack", command: "search", outcome: "ok", seconds: 0.02 });
    metrics.onCommand({ platform: "discord", command: "random", outcome: "error", seconds: 0.3 });

    const text = await scrape();
    expect(text).toContain('lessonbot_commands_total{platform="slack",command="search",outcome="ok"} 2');
    expect(text).toContain('lessonbot_commands_total{platform="discord",command="random",outcome="error"} 1');
    expect(text).toContain('lessonbot_command_errors_total{platform="discord",command="random"} 1');
    expect(text).toContain('lessonbot_command_duration_seconds_bucket{le="0.005",platform="slack",command="search"} 1');
    expect(text).toContain('lessonbot_command_duration_seconds_count{platform="slack",command="search"} 2');
    expect(text).toContain("lessonbot_index_ready 1");
    expect(text).toContain("lessonbot_index_passages 312");
    // Default process metrics come along, prefixed.
    expect(text).toContain("lessonbot_process_cpu_user_seconds_total");
  });

  it("counts forged or endless command labels as 'other' instead of growing the series", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    for (let i = 0; i < 200; i++) metrics.onCommand({ platform: "discord", command: `action:x${i}`, outcome: "ok", seconds: 0.001 });
    metrics.onCommand({ platform: "discord", command: "action:<script>", outcome: "ok", seconds: 0.001 });
    const text = await metrics.registry.metrics();
    const series = text.split("\n").filter((line) => line.startsWith("lessonbot_commands_total{"));
    expect(series.length).toBe(65);
    expect(text).toContain('lessonbot_commands_total{platform="discord",command="other",outcome="ok"} 137');
  });

  it("answers 404 for other paths and 405 for other methods", async () => {
    const index = gatedIndex();
    server = await startOpsServer(opsRoutes(index, createMetrics({ defaultMetrics: false })), 0, "127.0.0.1");
    expect((await fetch(`http://127.0.0.1:${server.port}/nope`)).status).toBe(404);
    const post = await fetch(`http://127.0.0.1:${server.port}/healthz`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });
});
