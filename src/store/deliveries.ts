/** One webhook delivery as GitHub sent it (`X-GitHub-Delivery`). Never the payload: it may hold secrets. */
export interface DeliveryRecord {
  id: string;
  event: string;
  action: string | null;
  repository: string | null;
  installationId: number | null;
  /** ISO 8601. */
  receivedAt: string;
}

/** Persistence for webhook deliveries: tells a redelivery (same id) from a new delivery. */
export interface DeliveryStore {
  /** Records a delivery; resolves `false` when this id was recorded before (a redelivery). */
  record(delivery: Omit<DeliveryRecord, "receivedAt">): Promise<boolean>;
  get(id: string): Promise<DeliveryRecord | null>;
  /** Deletes deliveries received before `before`; resolves how many. */
  prune(before: Date): Promise<number>;
}
