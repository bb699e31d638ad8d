import { getTransformStream } from "@probot/pino";
import { pino, type Logger } from "pino";

/**
 * Paths pino blanks out. Probot logs `{ event }` (with the payload) at debug level on every delivery, and a
 * delivery with a bad signature is logged at error level with `err.event.payload`; Octokit errors carry
 * request headers. None of it may reach a log: payloads can hold private code, headers hold tokens.
 */
export const REDACTED_PATHS = [
  "payload",
  "event.payload",
  "err.event.payload",
  "err.errors[*].event.payload",
  "err.aggregateErrors[*].event.payload",
  "err.request.headers.authorization",
  "err.response.headers.authorization",
  "request.headers.authorization",
  "headers.authorization",
  "token",
  "*.token",
  "privateKey",
  "*.privateKey",
  "secret",
  "*.secret",
];

/** The app's logger: Probot's format (pretty, or JSON with LOG_FORMAT=json), LOG_LEVEL, and redaction. */
export async function createAppLogger(
  env: NodeJS.ProcessEnv = process.env,
  destination: NodeJS.WritableStream = pino.destination(1) as unknown as NodeJS.WritableStream,
): Promise<Logger> {
  const transform = await getTransformStream({
    logFormat: env.LOG_FORMAT === "json" ? "json" : "pretty",
    logLevelInString: env.LOG_LEVEL_IN_STRING === "true",
    sentryDsn: env.SENTRY_DSN,
  });
  transform.pipe(destination);
  return pino(appLoggerOptions(env), transform);
}

/** Keys blanked at any depth inside a logged error (webhooks nest the event in AggregateErrors). */
const SECRET_KEYS = new Set(["payload", "token", "privateKey", "authorization", "secret"]);

/** pino options of the app's logger: level, message key, {@link REDACTED_PATHS} and a scrubbing `err` serializer. */
export function appLoggerOptions(env: NodeJS.ProcessEnv = process.env) {
  return {
    name: "probot",
    level: env.LOG_LEVEL ?? "info",
    messageKey: env.LOG_MESSAGE_KEY ?? "msg",
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    serializers: { err: (error: Error) => scrub(pino.stdSerializers.err(error), 0) },
  };
}

function scrub(value: unknown, depth: number): unknown {
  if (depth > 8 || !value || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEYS.has(key) ? "[redacted]" : scrub(v, depth + 1);
  }
  return out;
}
