export { createEasyAuth, sessionCookieName, type EasyAuth, type EasyAuthOptions } from './easyAuth';
export { SessionUser, signSession, verifySession } from './sessionToken';
export { principalHeaders, isPlatformIdentityHeader } from './clientPrincipal';
