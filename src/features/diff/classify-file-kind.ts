/** What a changed file is, for the file-kind shares. One kind per file; see {@link classifyFileKind}. */
export type FileKind = "lock" | "generated" | "test" | "doc" | "config" | "code" | "other";

const LOCK_FILES = new Set([
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "bun.lockb",
  "cargo.lock",
  "gemfile.lock",
  "poetry.lock",
  "pipfile.lock",
  "composer.lock",
  "go.sum",
  "podfile.lock",
  "mix.lock",
  "packages.lock.json",
  "flake.lock",
  "uv.lock",
]);

const GENERATED = [
  /(^|\/)(dist|build|out|target|vendor|node_modules|third_party|__generated__|generated)\//,
  /\.min\.(js|css)$/,
  /\.(pb|pb\.gw)\.go$/,
  /_pb2(_grpc)?\.py$/,
  /\.generated\.\w+$/,
  /\.g\.(dart|cs)$/,
  /\.snap$/,
  /\.map$/,
];

const TEST = [
  /(^|\/)(test|tests|__tests__|spec|specs|testing|testdata|fixtures|e2e)\//,
  /(^|\/)test_[^/]+\.py$/,
  /_test\.(go|py|rb|exs?)$/,
  /\.(test|spec)\.[cm]?[jt]sx?$/,
  /(Test|Tests|IT)\.(java|kt|scala|cs)$/,
  /_spec\.rb$/,
];

const DOC = [
  /\.(md|mdx|markdown|rst|adoc|txt|rdoc)$/,
  /(^|\/)(docs?|documentation)\//,
  /(^|\/)(LICENSE|NOTICE|AUTHORS|CHANGELOG|CHANGES)[^/]*$/i,
];

const CONFIG = [
  /\.(json|ya?ml|toml|ini|cfg|conf|properties|xml|plist|editorconfig|env)$/,
  /(^|\/)\.[^/]+rc(\.\w+)?$/,
  /(^|\/)(Dockerfile|Makefile|CMakeLists\.txt|Jenkinsfile|Procfile|Vagrantfile)$/,
  /(^|\/)\.github\//,
  /\.(gradle|cmake|mk|bzl|bazel)$/,
  /(^|\/)\.(gitignore|gitattributes|dockerignore|npmignore)$/,
];

const CODE =
  /\.([cm]?[jt]sx?|py|pyi|go|rs|java|kt|kts|scala|groovy|c|h|cc|cpp|cxx|hpp|hh|cs|fs|rb|php|swift|m|mm|dart|lua|pl|pm|r|jl|ex|exs|erl|hs|ml|clj|cljs|elm|vue|svelte|sh|bash|zsh|ps1|sql|proto|graphql|css|scss|sass|less|html?)$/i;

/**
 * Classifies a path by name alone (no content is read, so it works for omitted patches and binary files).
 * Precedence when several apply: lock > generated > test > doc > config > code > other — a generated test
 * snapshot is generated, a test helper in JSON is a test.
 */
export function classifyFileKind(path: string): FileKind {
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  if (LOCK_FILES.has(base)) return "lock";
  if (GENERATED.some((r) => r.test(path))) return "generated";
  if (TEST.some((r) => r.test(path))) return "test";
  if (DOC.some((r) => r.test(path))) return "doc";
  if (CONFIG.some((r) => r.test(path))) return "config";
  if (CODE.test(path)) return "code";
  return "other";
}
