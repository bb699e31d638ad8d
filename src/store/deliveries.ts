/** Persistence for the deliveries domain. Owner module adds its methods here and in sqlite/deliveries.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DeliverieStore {}
