/** Persistence for the commits domain. Owner module adds its methods here and in sqlite/commits.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CommitStore {}
