/**
 * A phone's clock is a claim. The server's receipt time is the fact, and a claim is believed only
 * inside a bounded skew before it: an update may have been made a little earlier (a tunnel, a
 * short offline queue, a slow network) but never after we received it, and not long before
 * unless something other than the phone vouches for it. So:
 *
 * - receipt − skew ≤ claim ≤ receipt: the phone's time (a replay within the bound);
 * - claim after receipt (a fast clock) or before receipt − skew (a slow clock, or a long offline
 *   queue we cannot tell from one): the receipt time.
 *
 * Order never comes from these times: updates are ordered by how far the visit has got
 * (`decideStatusUpdate`), so a wrong clock cannot make a correct phone's updates look stale.
 */
export interface AcceptedTime {
  readonly at: string;
  /** False when the claim was outside the bound and the receipt time was used instead. */
  readonly claimBelieved: boolean;
}

export const defaultClockSkewMinutes = 10;

export function acceptedTimeOf(claimedAt: string, receivedAt: string, skewMs: number): AcceptedTime {
  const claimed = Date.parse(claimedAt);
  const received = Date.parse(receivedAt);
  if (claimed <= received && claimed >= received - skewMs)
    return { at: new Date(claimed).toISOString(), claimBelieved: true };
  return { at: new Date(received).toISOString(), claimBelieved: claimed === received };
}

/**
 * An ETA is a duration the phone measured (travel time) written on its own clock: the duration is
 * kept and anchored to the accepted time, so a phone two hours fast still announces a sane arrival.
 */
export function acceptedEta(eta: string, claimedAt: string, accepted: AcceptedTime): string {
  const travelMs = Math.max(0, Date.parse(eta) - Date.parse(claimedAt));
  return new Date(Date.parse(accepted.at) + travelMs).toISOString();
}
