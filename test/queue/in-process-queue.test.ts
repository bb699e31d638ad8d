import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createInProcessQueue } from "../../src/queue/create-in-process-queue.js";
import type { Job, JobQueue } from "../../src/queue/types.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import type { Store } from "../../src/store/types.js";
import { createMemoryLogger } from "../helpers/create-test-app.js";

let store: Store;
let queue: JobQueue;
let memory: ReturnType<typeof createMemoryLogger>;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(async () => {
  process.on("unhandledRejection", onUnhandled);
  memory = createMemoryLogger();
  store = openSqliteStore(":memory:");
  queue = await createInProcessQueue({ jobs: store.jobs, log: memory.log, backoff: () => 5, maxAttempts: 3 });
});
afterEach(async () => {
  await queue.close();
  await store.close();
  process.off("unhandledRejection", onUnhandled);
  expect(unhandled).toEqual([]);
});

describe("in-process queue", () => {
  it("runs each job once per jobId, however often it is enqueued", async () => {
    const seen: Job[] = [];
    queue.process<{ n: number }>("q", async (job) => void seen.push(job));
    const outcomes = await Promise.all([1, 2, 3].map(() => queue.enqueue("q", { n: 1 }, { jobId: "same" })));
    await queue.enqueue("q", { n: 2 }, { jobId: "other" });
    await queue.onIdle();
    expect(outcomes.map((o) => o.outcome)).toEqual(["created", "exists", "exists"]);
    expect(seen.map((j) => j.id).sort()).toEqual(["other", "same"]);
    expect(await store.jobs.count("done")).toBe(2);
  });

  it("retries a failing job with backoff until it succeeds", async () => {
    const attempts: number[] = [];
    queue.process("q", async (job) => {
      attempts.push(job.attempt);
      if (job.attempt < 3) throw new Error(`transient ${job.attempt}`);
    });
    await queue.enqueue("q", {}, { jobId: "j" });
    await queue.onIdle();
    expect(attempts).toEqual([1, 2, 3]);
    expect(await store.jobs.get("j")).toMatchObject({ status: "done", attempts: 3 });
  });

  it("records a job that keeps failing, logs it, and never rejects unhandled", async () => {
    queue.process("q", async () => {
      throw new Error("always broken");
    });
    await queue.enqueue("q", {}, { jobId: "j" });
    await queue.onIdle();
    expect(await store.jobs.get("j")).toMatchObject({
      status: "failed",
      attempts: 3,
      lastError: "always broken",
    });
    expect(
      memory.lines.some(
        (l) => l.level === 50 && l.msg.includes("failed for good after 3 attempt(s): always broken"),
      ),
    ).toBe(true);
  });

  it("fails at once on an error marked retryable: false, and a re-enqueue of a failed job runs it again", async () => {
    let calls = 0;
    queue.process("q", async () => {
      calls++;
      if (calls === 1) throw Object.assign(new Error("reported already"), { retryable: false });
    });
    await queue.enqueue("q", {}, { jobId: "j" });
    await queue.onIdle();
    expect(await store.jobs.get("j")).toMatchObject({ status: "failed", attempts: 1 });
    expect((await queue.enqueue("q", {}, { jobId: "j" })).outcome).toBe("requeued");
    await queue.onIdle();
    expect(await store.jobs.get("j")).toMatchObject({ status: "done" });
  });

  it("resumes a job whose process was killed mid-run", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-queue-"));
    const file = path.join(dir, "store.sqlite");
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "fixtures/hang-worker.ts"), file],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (b: Buffer) => b.toString().includes("started") && resolve());
      child.on("exit", (code) => reject(new Error(`worker exited early (${code})`)));
    });
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));

    const reopened = openSqliteStore(file);
    expect(await reopened.jobs.get("job-1")).toMatchObject({ status: "running", attempts: 1 });
    const resumedQueue = await createInProcessQueue({ jobs: reopened.jobs, log: memory.log });
    const payloads: unknown[] = [];
    resumedQueue.process("resume-test", async (job) => void payloads.push(job.payload));
    await resumedQueue.onIdle();
    expect(payloads).toEqual([{ n: 42 }]);
    expect(await reopened.jobs.get("job-1")).toMatchObject({ status: "done", attempts: 2 });
    expect(
      memory.lines.some((l) => l.msg.includes("resuming 1 job(s) left running by a previous process")),
    ).toBe(true);
    await resumedQueue.close();
    await reopened.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
