import type { SessionUser } from './sessionToken';

/**
 * What App Service Authentication puts in front of the app for a signed-in Entra user, per
 * "Work with user identities in Azure App Service authentication"
 * (https://learn.microsoft.com/azure/app-service/configure-authentication-user-identities):
 * `X-MS-CLIENT-PRINCIPAL` is base64 JSON `{ auth_typ, claims: [{ typ, val }], name_typ, role_typ }`,
 * next to `X-MS-CLIENT-PRINCIPAL-ID`, `-NAME` and `-IDP`. Claims keep the names the platform's
 * default claim mapping gives Entra tokens; app roles arrive as `roles` claims.
 */
export const identityProvider = 'aad';

const claimTypes = {
  objectId: 'http://schemas.microsoft.com/identity/claims/objectidentifier',
  name: 'name',
  preferredUsername: 'preferred_username',
  roles: 'roles',
} as const;

const nameType = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';
const roleType = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';

export interface Claim {
  readonly typ: string;
  readonly val: string;
}

export function claimsOf(user: SessionUser): Claim[] {
  return [
    { typ: claimTypes.objectId, val: user.userId },
    { typ: nameType, val: user.name },
    { typ: claimTypes.name, val: user.name },
    { typ: claimTypes.preferredUsername, val: user.name },
    ...user.roles.map((role) => ({ typ: claimTypes.roles, val: role })),
  ];
}

/** Every request header the platform owns: a client's own copies never reach the app. */
export const isPlatformIdentityHeader = (name: string): boolean => {
  const lower = name.toLowerCase();
  return lower.startsWith('x-ms-client-principal') || lower.startsWith('x-ms-token-');
};

export function principalHeaders(user: SessionUser): Record<string, string> {
  const principal = {
    auth_typ: identityProvider,
    claims: claimsOf(user),
    name_typ: nameType,
    role_typ: roleType,
  };
  return {
    'x-ms-client-principal': Buffer.from(JSON.stringify(principal), 'utf8').toString('base64'),
    'x-ms-client-principal-id': user.userId,
    'x-ms-client-principal-name': user.name,
    'x-ms-client-principal-idp': identityProvider,
  };
}

/**
 * One `/.auth/me` entry, the token store's shape: `provider_name`, `user_id`, `user_claims`,
 * `expires_on`. No provider tokens exist locally, so `access_token`/`id_token` are absent.
 */
export function meEntry(user: SessionUser, expiresAt: number): Record<string, unknown> {
  return {
    provider_name: identityProvider,
    user_id: user.name,
    user_claims: claimsOf(user),
    expires_on: new Date(expiresAt).toISOString(),
  };
}
