/** Persistence for the scores domain. Owner module adds its methods here and in sqlite/scores.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ScoreStore {}
