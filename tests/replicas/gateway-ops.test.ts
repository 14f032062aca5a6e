/** /healthz names the replica's gateway role; /metrics carries the role gauge and the takeover counter. */
import { afterEach, describe, expect, it } from "vitest";
import { createMetrics, type IndexSource } from "../../src/ops/metrics.ts";
import { opsRoutes } from "../../src/ops/routes.ts";
import { startOpsServer, type OpsServer } from "../../src/ops/server.ts";
import type { Role } from "../../src/replicas/election.ts";

let server: OpsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("gateway role on the ops routes", () => {
  it("/healthz says holder, standby or single (loading or not); /metrics has the role and the takeovers", async () => {
    let ready = false;
    const index: IndexSource = { isReady: () => ready, counts: () => ({ articles: 2, passages: 9 }) };
    let role: Role = "standby";
    const roles = { role: () => role };
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.watchIndex(index);
    metrics.watchRole(roles);
    server = await startOpsServer(opsRoutes(index, metrics, roles), 0, "127.0.0.1");
    const base = `http://127.0.0.1:${server.port}`;
    const health = async () => {
      const res = await fetch(`${base}/healthz`);
      return { status: res.status, body: (await res.json()) as unknown };
    };

    expect(await health()).toEqual({ status: 503, body: { status: "loading", role: "standby" } });
    ready = true;
    expect(await health()).toEqual({ status: 200, body: { status: "ok", articles: 2, passages: 9, role: "standby" } });
    let text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('lessonbot_gateway_role{role="standby"} 1');
    expect(text).toContain("lessonbot_gateway_takeovers_total 0");

    role = "holder";
    metrics.onTakeover();
    expect((await health()).body).toMatchObject({ role: "holder" });
    text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('lessonbot_gateway_role{role="holder"} 1');
    // Only the current role is reported, not a stale one.
    expect(text).not.toContain('role="standby"');
    expect(text).toContain("lessonbot_gateway_takeovers_total 1");

    role = "single";
    expect((await health()).body).toMatchObject({ role: "single" });
  });

  it("without a gateway (Slack only) /healthz has no role and the role gauge no sample", async () => {
    const index: IndexSource = { isReady: () => true, counts: () => ({ articles: 1, passages: 1 }) };
    const metrics = createMetrics({ defaultMetrics: false });
    server = await startOpsServer(opsRoutes(index, metrics), 0, "127.0.0.1");
    expect(await (await fetch(`http://127.0.0.1:${server.port}/healthz`)).json()).toEqual({ status: "ok", articles: 1, passages: 1 });
    expect(await metrics.registry.metrics()).not.toMatch(/lessonbot_gateway_role\{/);
  });
});
