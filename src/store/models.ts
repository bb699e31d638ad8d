/** Persistence for the models domain. Owner module adds its methods here and in sqlite/models.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ModelStore {}
