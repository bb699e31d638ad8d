import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

const require = createRequire(import.meta.url);

interface Operation {
  operationId?: string;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
type Schema = Record<string, unknown>;
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** A request the app sent, as the mock saw it. */
export interface SentRequest {
  method: string;
  /** Path with query string, e.g. `/repos/o/r/pulls/1/files?per_page=100`. */
  path: string;
  body?: unknown;
}

let spec: OpenApi | undefined;
let routes: { method: string; template: string; pattern: RegExp; operation: Operation }[] | undefined;
// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv) => Ajv }).default;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction>();

/** GitHub's REST description (`@octokit/openapi`, not dereferenced: 13 MB instead of 73), loaded once. */
function load(): NonNullable<typeof routes> {
  if (routes) return routes;
  spec = require("@octokit/openapi/generated/api.github.com.json") as OpenApi;
  routes = [];
  for (const [template, methods] of Object.entries(spec.paths)) {
    const pattern = new RegExp(
      `^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`,
    );
    for (const [method, operation] of Object.entries(methods)) {
      if (typeof operation === "object" && operation)
        routes.push({ method: method.toUpperCase(), template, pattern, operation });
    }
  }
  // Literal segments beat parameters: `/repos/{o}/{r}/check-runs` must not match `/repos/{o}/{r}/{x}`.
  const params = (t: string) => t.match(/\{/g)?.length ?? 0;
  routes.sort((a, b) => params(a.template) - params(b.template));
  return routes;
}

/** The operation GitHub documents for this method and concrete path (query and a GHES `/api/v3` prefix ignored). */
export function resolveGitHubOperation(
  method: string,
  path: string,
): { template: string; operation: Operation } | null {
  // Not decoded: an encoded `/` (contents paths) stays inside its segment, as GitHub reads it.
  const bare = path.split("?")[0].replace(/^\/api\/v3(?=\/)/, "");
  const found = load().find((r) => r.method === method.toUpperCase() && r.pattern.test(bare));
  return found ? { template: found.template, operation: found.operation } : null;
}

/**
 * Checks one request against GitHub's OpenAPI description: the route must exist, and a JSON body must match
 * the operation's request schema. Returns the problems (empty when GitHub would accept it).
 */
export function validateGitHubRequest(request: SentRequest): string[] {
  if (request.method === "POST" && /^(\/api)?\/graphql$/.test(request.path.split("?")[0])) {
    return validateGraphqlRequest(request);
  }
  const resolved = resolveGitHubOperation(request.method, request.path);
  const route = `${request.method} ${request.path}`;
  if (!resolved) return [`${route}: no such operation in GitHub's OpenAPI description`];
  const schema = resolved.operation.requestBody?.content?.["application/json"]?.schema;
  if (!schema) return [];
  const key = `${request.method} ${resolved.template}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(withComponents(schema));
    compiled.set(key, validate);
  }
  const body =
    typeof request.body === "string" && request.body ? JSON.parse(request.body) : (request.body ?? {});
  if (validate(body)) return [];
  return [
    `${key}: body rejected by GitHub's schema: ${ajv.errorsText(validate.errors, { separator: "; " })}`,
  ];
}

/** GraphQL is not in the REST description: the body must be `{ query: string, variables?: object }`. */
function validateGraphqlRequest(request: SentRequest): string[] {
  const body = request.body as { query?: unknown; variables?: unknown } | undefined;
  const ok =
    typeof body === "object" &&
    body !== null &&
    typeof body.query === "string" &&
    body.query.trim().length > 0 &&
    (body.variables === undefined || (typeof body.variables === "object" && body.variables !== null));
  return ok ? [] : [`POST /graphql: body must be { query: string, variables?: object }`];
}

/** The body schema plus only the components it references (compiling all of them would take seconds). */
function withComponents(schema: Schema): Schema {
  const needed: Record<string, Schema> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === "$ref" && typeof v === "string" && v.startsWith("#/components/schemas/")) {
        const name = v.slice("#/components/schemas/".length);
        if (!needed[name]) {
          needed[name] = spec!.components.schemas[name];
          visit(needed[name]);
        }
      } else visit(v);
    }
  };
  visit(schema);
  return { ...schema, components: { schemas: needed } };
}
