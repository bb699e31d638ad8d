/** Feature-name prefix of token buckets: `tok_0` … `tok_4095`. */
export const TOKEN_PREFIX = "tok_";
/** Buckets of the hashed vocabulary. 4,096 keeps collisions rare for the ~1–3 k distinct tokens of a change. */
export const TOKEN_VOCABULARY = 4096;

/** FNV-1a, 32-bit: fast, stable across runs and platforms, good spread for short strings. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The bucket of a token on one side of the diff (`+` added, `-` deleted: the same word counts apart). */
export function tokenBucket(side: "+" | "-", token: string): number {
  return fnv1a(side + token) % TOKEN_VOCABULARY;
}

/** Packs non-zero `tok_<bucket>` values as little-endian uint16 (bucket, count) pairs; counts cap at 65,535. */
export function encodeTokenCounts(values: Record<string, number | null>): Buffer {
  const counts = new Map<number, number>();
  for (const [name, value] of Object.entries(values)) {
    if (name.startsWith(TOKEN_PREFIX) && value) counts.set(Number(name.slice(TOKEN_PREFIX.length)), value);
  }
  return encodeBucketCounts(counts);
}

/** Packs bucket → count (see {@link encodeTokenCounts}). */
export function encodeBucketCounts(counts: ReadonlyMap<number, number>): Buffer {
  const pairs: [number, number][] = [];
  for (const [bucket, value] of counts) if (value) pairs.push([bucket, Math.min(65_535, Math.round(value))]);
  pairs.sort((a, b) => a[0] - b[0]);
  const buf = Buffer.alloc(pairs.length * 4);
  pairs.forEach(([bucket, count], i) => {
    buf.writeUInt16LE(bucket, i * 4);
    buf.writeUInt16LE(count, i * 4 + 2);
  });
  return buf;
}

/** The sparse `tok_<bucket>` values of a packed blob (absent buckets are 0). */
export function decodeTokenCounts(blob: Buffer): Record<string, number> {
  const values: Record<string, number> = {};
  for (let i = 0; i + 3 < blob.length; i += 4) {
    values[`${TOKEN_PREFIX}${blob.readUInt16LE(i)}`] = blob.readUInt16LE(i + 2);
  }
  return values;
}
