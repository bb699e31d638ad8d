import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";

/** The TF.js backends we try, fastest first. */
export type BackendName = "tensorflow-gpu" | "tensorflow" | "wasm" | "cpu";

/** Which backend is active and why, as logged once at start. */
export interface BackendChoice {
  name: string;
  /** Backends tried before this one, with the reason each was skipped. */
  skipped: string[];
}

const ORDER: BackendName[] = ["tensorflow-gpu", "tensorflow", "wasm", "cpu"];
let chosen: Promise<BackendChoice> | undefined;

/** Thrown when DEFECT_TF_BACKEND names a backend that cannot be loaded. */
export class BackendUnavailableError extends Error {
  override name = "BackendUnavailableError";
}

async function tryBackend(name: BackendName): Promise<boolean> {
  switch (name) {
    case "tensorflow-gpu":
    case "tensorflow": {
      // Optional native bindings; they register their backend on import. Not installable everywhere
      // (they download libtensorflow), so a failed import simply falls through to the next one.
      const pkg = name === "tensorflow-gpu" ? "@tensorflow/tfjs-node-gpu" : "@tensorflow/tfjs-node";
      try {
        await import(/* @vite-ignore */ pkg);
      } catch {
        return false;
      }
      return tf.setBackend("tensorflow");
    }
    case "wasm": {
      const wasm = await import("@tensorflow/tfjs-backend-wasm");
      const require = createRequire(import.meta.url);
      const dir = path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"));
      wasm.setWasmPaths(dir + path.sep);
      return tf.setBackend("wasm");
    }
    case "cpu":
      return tf.setBackend("cpu");
  }
}

function parseOverride(value: string | undefined): BackendName | undefined {
  if (!value) return undefined;
  const aliases: Record<string, BackendName> = {
    "tensorflow-gpu": "tensorflow-gpu",
    "node-gpu": "tensorflow-gpu",
    gpu: "tensorflow-gpu",
    tensorflow: "tensorflow",
    node: "tensorflow",
    wasm: "wasm",
    cpu: "cpu",
  };
  const name = aliases[value.toLowerCase()];
  if (!name) {
    throw new BackendUnavailableError(
      `DEFECT_TF_BACKEND="${value}" is not a known backend. Use one of: node-gpu, node, wasm, cpu (or unset it).`,
    );
  }
  return name;
}

/**
 * Chooses the TF.js backend once per process: tfjs-node-gpu → tfjs-node → wasm → cpu, the first that loads,
 * or exactly the one named by DEFECT_TF_BACKEND. Logs the choice once (set DEFECT_TF_QUIET=1 to silence it).
 */
export function ensureBackend(log: (line: string) => void = (l) => console.error(l)): Promise<BackendChoice> {
  chosen ??= (async () => {
    const forced = parseOverride(process.env.DEFECT_TF_BACKEND);
    const skipped: string[] = [];
    for (const name of forced ? [forced] : ORDER) {
      let ok = false;
      try {
        ok = await tryBackend(name);
      } catch (error) {
        skipped.push(`${name}: ${(error as Error).message}`);
        continue;
      }
      if (ok) {
        await tf.ready();
        const choice = { name: tf.getBackend(), skipped };
        if (!process.env.DEFECT_TF_QUIET) log(`defect: TF.js backend "${choice.name}"`);
        return choice;
      }
      skipped.push(`${name}: not available`);
    }
    throw new BackendUnavailableError(
      forced
        ? `DEFECT_TF_BACKEND=${process.env.DEFECT_TF_BACKEND} could not be loaded (${skipped.join("; ")}). Install it or unset the variable.`
        : `no TF.js backend could be loaded (${skipped.join("; ")}). Reinstall @tensorflow/tfjs.`,
    );
  })();
  chosen.catch(() => (chosen = undefined));
  return chosen;
}

/** True when the native tfjs-node backend is active (TensorBoard logging needs it). */
export function hasNativeBackend(): boolean {
  return tf.getBackend() === "tensorflow";
}
