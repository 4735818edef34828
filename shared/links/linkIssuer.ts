import { appClock } from '../clock';
import type { LinkSigningKey } from '../config/appConfig';
import type { LinkIssuer } from '../journey/linkIssuer';
import { signLink } from './linkToken';

/** The path of the self-service page under the app's public base URL. */
export const selfServicePath = (token: string): string => `/api/s/${token}`;

/** Issues the signed links the journey's messages carry, stamped with the app clock's time. */
export function hmacLinkIssuer(
  keys: readonly LinkSigningKey[],
  publicBaseUrl: string,
  now: () => Date = () => appClock().now(),
): LinkIssuer {
  return {
    linkFor: (workOrderId, purpose, expiresAt) =>
      `${publicBaseUrl}${selfServicePath(
        signLink(keys, {
          workOrderId,
          purpose,
          expiresAt: Math.floor(expiresAt.getTime() / 1000),
          issuedAt: now().getTime(),
        }),
      )}`,
  };
}
