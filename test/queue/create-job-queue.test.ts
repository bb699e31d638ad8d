import { describe, expect, it } from "vitest";
import { createJobQueue } from "../../src/queue/create-job-queue.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import { createMemoryLogger } from "../helpers/create-test-app.js";

describe("createJobQueue", () => {
  it("picks the in-process queue on the store's job table when REDIS_URL is unset", async () => {
    const store = openSqliteStore(":memory:");
    const { log, lines } = createMemoryLogger();
    const queue = await createJobQueue({ store, log, env: {} });
    let ran = 0;
    queue.process("q", async () => void ran++);
    await queue.enqueue("q", {}, { jobId: "one" });
    await queue.onIdle();
    expect(ran).toBe(1);
    expect(await store.jobs.get("one")).toMatchObject({ status: "done" });
    expect(lines.some((l) => l.msg.includes("in-process"))).toBe(true);
    await queue.close();
    await store.close();
  });

  it("picks BullMQ when REDIS_URL is set (constructed lazily: no connection until used)", async () => {
    const store = openSqliteStore(":memory:");
    const { log, lines } = createMemoryLogger();
    const queue = await createJobQueue({ store, log, env: { REDIS_URL: "redis://127.0.0.1:1" } });
    expect(lines.some((l) => l.msg.includes("BullMQ"))).toBe(true);
    await queue.close();
    await store.close();
  });
});
