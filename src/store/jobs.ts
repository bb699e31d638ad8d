/** Persistence for the jobs domain. Owner module adds its methods here and in sqlite/jobs.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface JobStore {}
