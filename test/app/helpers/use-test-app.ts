import { afterEach, beforeEach } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/create-test-app.js";

export type TestAppOptions = Parameters<typeof createTestApp>[0];

/**
 * Vitest wiring: a fresh test app before each test, closed after it. Returns a getter for the current test's
 * app. Pass `options` as a function to build them afresh for each test.
 */
export function useTestApp(options: TestAppOptions | (() => TestAppOptions) = {}): () => TestApp {
  let current: TestApp | undefined;
  beforeEach(async () => {
    current = await createTestApp(typeof options === "function" ? options() : options);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error("useTestApp: no app outside a test");
    return current;
  };
}
