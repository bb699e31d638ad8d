import type { DeliveryRecord } from "../store/deliveries.js";
import type { AppDeps } from "./types.js";

/**
 * Records a delivery this half of the app handles (id, event, repository; never the payload) and logs a
 * redelivery. Not an `onAny` hook: the issue-comment handler records its own deliveries to answer each once.
 */
export async function recordDelivery(
  delivery: Omit<DeliveryRecord, "receivedAt">,
  deps: AppDeps,
): Promise<boolean> {
  const isNew = await deps.store.deliveries.record(delivery);
  if (!isNew) {
    deps.log.info(
      { deliveryId: delivery.id, event: delivery.event },
      `delivery ${delivery.id} (${delivery.event}) received again: a redelivery; the jobs it queued are not repeated`,
    );
  }
  return isNew;
}
