import nock from "nock";
import { afterEach, beforeEach } from "vitest";
import { validateGitHubRequest, type SentRequest } from "./validate-github-request.js";

/** nock for api.github.com that records every request and can say what went wrong. */
export interface GitHubMock {
  /** Add interceptors here: `mock.api.get("/repos/o/r/pulls/1").reply(200, {...})`. */
  api: nock.Scope;
  /** Every request that matched an interceptor, in order, with its parsed JSON body. */
  requests: SentRequest[];
  /** Requests nothing matched (`METHOD path`): with net connect disabled they fail inside the app. */
  unmatched: string[];
  /** Requests that are not the installation-token exchange: the GitHub API calls the app made. */
  apiCalls(): SentRequest[];
  /** Throws when a mock is pending, a request went unmatched, or GitHub's OpenAPI schema rejects a body. */
  verify(): void;
}

export interface GitHubMockOptions {
  /** Default `https://api.github.com`; a GHES test passes `https://ghe.example.com/api/v3`. */
  baseUrl?: string;
  /** Validate each body against `@octokit/openapi` (default true). */
  validate?: boolean;
}

/** Starts a mock: disables real network, records requests. Call `verify()` then `nock.cleanAll()` after. */
export function createGitHubMock(options: GitHubMockOptions = {}): GitHubMock {
  const baseUrl = options.baseUrl ?? "https://api.github.com";
  nock.disableNetConnect();
  const requests: SentRequest[] = [];
  const unmatched: string[] = [];
  const api = nock(baseUrl);
  api.on("request", (req: { method: string; path: string }, _interceptor: unknown, body: string) => {
    requests.push({ method: req.method.toUpperCase(), path: req.path, body: parseBody(body) });
  });
  const onNoMatch = (req: { method?: string; path?: string; href?: string }) => {
    unmatched.push(`${req.method ?? "?"} ${req.path ?? req.href ?? "?"}`);
  };
  nock.emitter.on("no match", onNoMatch);
  return {
    api,
    requests,
    unmatched,
    apiCalls: () => requests.filter((r) => !/\/app\/installations\/\d+\/access_tokens$/.test(r.path)),
    verify() {
      nock.emitter.removeListener("no match", onNoMatch);
      const problems: string[] = [];
      if (!api.isDone()) problems.push(`pending mocks: ${api.pendingMocks().join(", ")}`);
      if (unmatched.length) problems.push(`unmatched requests: ${unmatched.join(", ")}`);
      if (options.validate !== false) {
        for (const request of requests) problems.push(...validateGitHubRequest(request));
      }
      if (problems.length) throw new Error(`GitHub mock: ${problems.join("\n")}`);
    },
  };
}

/**
 * Vitest wiring: a fresh mock before each test, and after it a failure on pending or unmatched mocks or an
 * invalid body. Returns a getter for the current test's mock.
 */
export function useGitHubMock(options: GitHubMockOptions = {}): () => GitHubMock {
  let current: GitHubMock | undefined;
  beforeEach(() => {
    current = createGitHubMock(options);
  });
  afterEach(() => {
    try {
      current?.verify();
    } finally {
      nock.cleanAll();
      nock.enableNetConnect();
    }
  });
  return () => {
    if (!current) throw new Error("useGitHubMock: no mock outside a test");
    return current;
  };
}

function parseBody(body: string | undefined): unknown {
  if (body === undefined || body === "") return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
