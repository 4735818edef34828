import type { LinkPurpose } from './purposes';

/** Signed self-service links: the page behind the link checks purpose, work order and expiry. */
export interface LinkIssuer {
  linkFor(workOrderId: string, purpose: LinkPurpose, expiresAt: Date): string;
}
