/** Persistence for the installations domain. Owner module adds its methods here and in sqlite/installations.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InstallationStore {}
