import { randomBytes } from 'node:crypto';
import type { Sender } from 'rhea';
import { deliveryTagFromLockToken } from './lockToken';
import type { MessageEntity, ReceiveMode } from './messageEntity';
import { outgoingRoom, senderState } from './rheaInternals';

/**
 * A receiver attached to an entity, seen from the broker: an outgoing link with the peer's credit.
 * rhea lowers its credit only when a delivery reaches the wire, so credit is counted here against
 * every delivery handed to rhea, including ones still queued in the session.
 */
export class Consumer {
  readonly link: Sender;
  readonly mode: ReceiveMode;
  readonly entity: MessageEntity;
  /** The session this receiver accepted, for a session receiver. */
  readonly sessionId: string | undefined;
  #handed = 0;

  constructor(link: Sender, mode: ReceiveMode, entity: MessageEntity, sessionId?: string) {
    this.link = link;
    this.mode = mode;
    this.entity = entity;
    this.sessionId = sessionId;
  }

  /** Credit left once deliveries handed to rhea are counted (the sum credit + delivery_count is what the peer allows). */
  get credit(): number {
    if (!this.link.is_open()) return 0;
    const state = senderState(this.link);
    return state.credit + state.delivery_count - this.#handed;
  }

  /** Sends the entity's next message if the peer has credit; false when nothing was sent. */
  deliverOne(): boolean {
    if (this.credit <= 0 || outgoingRoom(this.link) <= 0) return false;
    const delivered =
      this.sessionId === undefined
        ? this.entity.receive(this.mode)
        : this.entity.receiveFromSession(this.mode, this.sessionId);
    if (!delivered) return false;
    // In peek-lock the delivery tag is the lock token; the SDK reads it back as `lockToken`.
    const tag =
      delivered.lockToken === undefined ? randomBytes(16) : deliveryTagFromLockToken(delivered.lockToken);
    this.link.send(delivered.bytes, tag, 0);
    this.#handed++;
    return true;
  }

  /** Answers a drain request once nothing is left to send, giving the unused credit back. */
  finishDrain(): void {
    const state = senderState(this.link);
    if (!state._draining || !this.link.is_open()) return;
    this.#handed += Math.max(0, this.credit);
    this.link.set_drained(true);
  }
}
