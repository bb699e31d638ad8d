/** Persistence for the labels domain. Owner module adds its methods here and in sqlite/labels.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LabelStore {}
