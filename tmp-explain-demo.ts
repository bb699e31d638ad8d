import { readLocalChange } from "./src/git/read-local-change.js";
import { baselineFromScaler } from "./src/model/explain-baseline.js";
import { DEFAULT_MODEL_DIR, loadModelWithManifest } from "./src/model/load-model.js";
import { scoreChange } from "./src/pipeline/score-change.js";
import { renderScore } from "./src/report/render-score.js";
import { renderExplainComment, renderExplainFile } from "./src/report/render-explain-comment.js";
const [repo, base, head, file] = process.argv.slice(2);
const { change } = await readLocalChange({ repo, base: base || undefined, head: head || undefined });
const { model, manifest } = await loadModelWithManifest(DEFAULT_MODEL_DIR);
model.baseline = baselineFromScaler(manifest.features);
let history;
try { const k: any = await import("./src/features/kamei/index.js"); history = k.createLocalHistoryProvider?.(change.repository); } catch {}
const result = await scoreChange(change, { model, history, options: {} });
result.baselineProbability ??= undefined;
console.log(renderScore(result, "markdown"));
console.log("\n----- /defect explain -----\n");
console.log(renderExplainComment(result));
if (file) { console.log("\n----- /defect explain " + file + " -----\n"); console.log(renderExplainFile(result, file)); }
