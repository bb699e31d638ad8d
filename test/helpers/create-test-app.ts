import { generateKeyPairSync } from "node:crypto";
import { Writable } from "node:stream";
import { pino } from "pino";
import { Probot, ProbotOctokit, type Logger } from "probot";
import { loadRepoConfig } from "../../src/config/load-repo-config.js";
import { scorePullRequestNow } from "../../src/app/score-pull-request-now.js";
import type { AppDeps } from "../../src/app/types.js";
import { defectPredictorApp } from "../../src/index.js";
import { loadDefaultModel } from "../../src/model/load-model.js";
import type { RiskModel } from "../../src/model/types.js";
import { createInProcessQueue } from "../../src/queue/create-in-process-queue.js";
import type { JobQueue } from "../../src/queue/types.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import type { Store } from "../../src/store/types.js";

/** One parsed pino line. */
export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface TestApp {
  probot: Probot;
  deps: AppDeps;
  store: Store;
  queue: JobQueue;
  logs: LogLine[];
  /** Rate-limit waits the app asked for (ms); the test sleep returns at once. */
  sleeps: number[];
  /** Delivers a webhook through `probot.receive` and waits until the queue is idle. */
  receive(name: string, payload: object, id?: string): Promise<void>;
  /** Log messages at or above a pino level (30 info, 40 warn, 50 error). */
  messages(minLevel?: number): string[];
  close(): Promise<void>;
}

let privateKey: string | undefined;

/** An RSA key made once per test file: Probot signs real app JWTs with it (the token exchange is mocked). */
export function testPrivateKey(): string {
  privateKey ??= generateKeyPairSync("rsa", { modulusLength: 2048 })
    .privateKey.export({ type: "pkcs1", format: "pem" })
    .toString();
  return privateKey;
}

/** A logger that keeps every line in memory. */
export function createMemoryLogger(): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split("\n")) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  // Probot's pino types and the top-level pino's differ only nominally.
  return { log: pino({ level: "debug" }, stream) as unknown as Logger, lines };
}

/**
 * The real app on a real in-memory SQLite store and the real in-process queue (no backoff), with Probot's
 * retry and throttling off, the shipped default model unless one is given, and app authentication through a
 * real signed JWT (so the installation-token request is part of what a test sees).
 */
export async function createTestApp(
  options: {
    model?: RiskModel;
    store?: Store;
    maxAttempts?: number;
    baseUrl?: string;
    /** Extra dependencies (mirrors, history source) built from the test app's own. */
    extend?: (deps: AppDeps) => Partial<AppDeps>;
  } = {},
): Promise<TestApp> {
  const { log, lines } = createMemoryLogger();
  const store = options.store ?? openSqliteStore(":memory:");
  const queue = await createInProcessQueue({
    jobs: store.jobs,
    log,
    backoff: () => 0,
    maxAttempts: options.maxAttempts ?? 3,
  });
  const sleeps: number[] = [];
  const probot = new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    secret: "test-secret",
    log,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    // A function, not an object: Probot merges its own throttle defaults over an object.
    Octokit: ProbotOctokit.defaults((instanceOptions: object) => ({
      ...instanceOptions,
      retry: { enabled: false },
      throttle: { enabled: false },
    })),
  });
  const model = options.model ?? (await loadShippedModel());
  const deps: AppDeps = {
    store,
    queue,
    log,
    model: async () => model,
    github: async (id) => (await probot.auth(id)) as never,
    loadConfig: loadRepoConfig,
    rateLimit: { sleep: async (ms) => void sleeps.push(ms) },
    scorePullRequest: (octokit, request, requestLog) =>
      scorePullRequestNow(deps, octokit, request, requestLog),
  };
  if (options.extend) Object.assign(deps, options.extend(deps));
  await probot.load(defectPredictorApp(deps));
  return {
    probot,
    deps,
    store,
    queue,
    logs: lines,
    sleeps,
    async receive(name, payload, id = `delivery-${Math.random().toString(36).slice(2)}`) {
      await probot.receive({ id, name, payload } as never);
      await queue.onIdle();
    },
    messages: (minLevel = 30) => lines.filter((l) => l.level >= minLevel).map((l) => l.msg),
    async close() {
      await queue.close();
      await store.close();
    },
  };
}

/** The shipped default model: the app tests score with the real thing, so a broken models/default fails them. */
async function loadShippedModel(): Promise<RiskModel> {
  try {
    return await loadDefaultModel();
  } catch (error) {
    throw new Error(
      `models/default could not be loaded (${(error as Error).message}); the app tests score with the shipped ` +
        "model: retrain it with `npm run train:default`, or pass `model` to createTestApp.",
      { cause: error },
    );
  }
}
