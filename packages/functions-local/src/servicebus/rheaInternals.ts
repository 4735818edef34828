import { message as amqpMessage } from 'rhea';
import type { Delivery, Sender } from 'rhea';

/**
 * The few parts of rhea this broker needs that its typings leave out. They are stable across rhea 2–3
 * (rhea-promise and the Azure SDK rely on the same fields).
 */
interface SenderState {
  /** Credit as rhea counts it: granted by the peer minus deliveries already written to the wire. */
  credit: number;
  /** Deliveries written to the wire (plus credit given up by draining). */
  delivery_count: number;
  /** Set while the peer asks the sender to use up or give back its credit. */
  _draining: boolean;
}

interface AttachFields {
  snd_settle_mode: number;
  rcv_settle_mode: number;
  max_message_size: number;
  properties?: Record<string, unknown>;
}

interface LinkWithAttach {
  local: { attach: AttachFields };
}

export type OutcomeName = 'accepted' | 'released' | 'modified' | 'rejected';

type OutcomeFactory = Readonly<Record<OutcomeName, (fields?: object) => { described(): unknown }>>;

export const senderState = (sender: Sender): SenderState => sender as unknown as SenderState;

interface SessionState {
  outgoing: { available(): number };
}

/** Room left in the session's outgoing delivery window (rhea keeps a fixed-size buffer, 2048 by default). */
export const outgoingRoom = (sender: Sender): number =>
  (sender.session as unknown as SessionState).outgoing.available();

/**
 * Settles a delivery the peer asked to settle second (rcv-settle-mode `second`). The peer settles on
 * seeing this and says nothing more, so rhea is told the delivery is finished on both sides; otherwise
 * it would hold it in the session window forever and stop sending after 2048 messages.
 */
export function settleFinally(delivery: Delivery, state: unknown): void {
  delivery.update(true, state);
  (delivery as unknown as { remote_settled: boolean }).remote_settled = true;
}

export const localAttach = (link: object): AttachFields => (link as unknown as LinkWithAttach).local.attach;

/** A `rejected` outcome carrying an AMQP error, for settling a delivery with a failure. */
export const rejectedOutcome = (error: { condition: string; description: string }): unknown =>
  (amqpMessage as unknown as OutcomeFactory).rejected({ error }).described();

/** The outcome a receiver asked for, confirmed without fields (a `rejected` with no error means success). */
export const confirmedOutcome = (name: OutcomeName): unknown =>
  (amqpMessage as unknown as OutcomeFactory)[name]().described();
