/**
 * The size and diffusion metrics of Kamei et al. (TSE 2013) as pure functions over per-file line counts, so a
 * pull request (here) and a mined commit (src/features/kamei) get exactly the same numbers from the same code.
 */

/** Lines a change adds and deletes in one file. `path` is the new path (the old one for deleted files). */
export interface FileLineCounts {
  path: string;
  additions: number;
  deletions: number;
}

/** LA / LD: lines added and deleted, absolute (not normalised by file size). */
export function computeSize(files: readonly FileLineCounts[]): { la: number; ld: number } {
  let la = 0;
  let ld = 0;
  for (const f of files) {
    la += f.additions;
    ld += f.deletions;
  }
  return { la, ld };
}

/** The subsystem of a path: its top-level directory; files at the root form the subsystem "". */
export function subsystemOf(path: string): string {
  const slash = path.indexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/** The directory of a path ("" for the root). */
export function directoryOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/**
 * Shannon entropy, in bits, of how the changed lines (added + deleted) spread over the files:
 * −Σ pₖ log₂ pₖ with pₖ = lines changed in file k / lines changed in all files. Files with no
 * changed lines (pure renames, binary files) contribute nothing; no changed lines at all gives 0.
 * Not normalised by log₂ nf: the training data (../shared/data/jit/lapredict, `entrophy`) is in bits too
 * (values up to 6.46), so the model sees the same scale.
 */
export function changeEntropy(linesPerFile: readonly number[]): number {
  let total = 0;
  for (const n of linesPerFile) total += n;
  if (total <= 0) return 0;
  let entropy = 0;
  for (const n of linesPerFile) {
    if (n <= 0) continue;
    const p = n / total;
    entropy -= p * Math.log2(p);
  }
  // -0 and rounding noise below zero read badly in reports.
  return entropy > 0 ? entropy : 0;
}

/** NS, ND, NF and entropy of a change. */
export function computeDiffusion(files: readonly FileLineCounts[]): {
  ns: number;
  nd: number;
  nf: number;
  entropy: number;
} {
  const subsystems = new Set<string>();
  const directories = new Set<string>();
  const paths = new Set<string>();
  for (const f of files) {
    subsystems.add(subsystemOf(f.path));
    directories.add(directoryOf(f.path));
    paths.add(f.path);
  }
  return {
    ns: subsystems.size,
    nd: directories.size,
    nf: paths.size,
    entropy: changeEntropy(files.map((f) => f.additions + f.deletions)),
  };
}
