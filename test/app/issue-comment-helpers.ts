import { createRequire } from "node:module";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";

const require = createRequire(import.meta.url);

type Operation = { requestBody?: { content?: Record<string, { schema?: object }> } };
let spec: { paths: Record<string, Record<string, Operation>> } | undefined;
// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv) => Ajv }).default;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const compiled = new Map<string, ReturnType<typeof ajv.compile>>();

/**
 * Validates a request body against GitHub's published OpenAPI description (`@octokit/openapi`), by method and
 * path template (e.g. `POST /repos/{owner}/{repo}/issues/{issue_number}/comments`). Throws with ajv's errors.
 */
export function validateGitHubRequest(route: string, body: unknown): true {
  const [method, template] = route.split(" ");
  spec ??= require("@octokit/openapi/generated/api.github.com.deref.json");
  const operation = spec!.paths[template]?.[method.toLowerCase()];
  if (!operation) throw new Error(`No ${route} in @octokit/openapi: check the route template.`);
  const schema = operation.requestBody?.content?.["application/json"]?.schema;
  if (!schema) return true;
  let validate = compiled.get(route);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(route, validate);
  }
  if (!validate(body))
    throw new Error(`${route} body does not match GitHub's schema: ${ajv.errorsText(validate.errors)}`);
  return true;
}

/** The webhook examples GitHub's docs publish (`@octokit/webhooks-examples`). */
export function webhookExample<T = Record<string, unknown>>(
  event: string,
  pick: (e: Record<string, unknown>) => boolean,
): T {
  const all = require("@octokit/webhooks-examples/api.github.com/index.json") as {
    name: string;
    examples: Record<string, unknown>[];
  }[];
  const found = all.find((e) => e.name === event)?.examples.find(pick);
  if (!found) throw new Error(`No ${event} example matches.`);
  return structuredClone(found) as T;
}

/** A Probot instance whose Octokit neither retries nor throttles, authenticated with a plain token. */
export function createTestProbot(): Probot {
  return new Probot({
    githubToken: "test-token",
    logLevel: "fatal",
    // A function, not an object: Probot merges its own throttle options over object defaults, and its write
    // throttling spaces POSTs a second apart.
    Octokit: ProbotOctokit.defaults((options: object) => ({
      ...options,
      retry: { enabled: false },
      throttle: { enabled: false },
    })),
  });
}

/** A nock scope for api.github.com; `assertDone` fails the test when a mocked call was not made. */
export function mockGitHub(): nock.Scope {
  return nock("https://api.github.com");
}

export function setUpNock(): void {
  nock.disableNetConnect();
}

export function tearDownNock(): void {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  nock.enableNetConnect();
  if (pending.length)
    throw new Error(`GitHub calls the test expected but the code never made: ${pending.join(", ")}`);
}

/** Records validated request bodies, so a test can read what was sent. */
export function bodyOf(route: string, sink: unknown[]): (body: nock.Body) => boolean {
  return (body) => {
    validateGitHubRequest(route, body);
    sink.push(body);
    return true;
  };
}
