/**
 * A diff could not be read. `line` is the 1-based line of the input where reading failed, so a user can open
 * the patch and see the exact spot.
 */
export class DiffParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "DiffParseError";
  }
}
