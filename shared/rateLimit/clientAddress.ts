/**
 * The caller's address as the platform's front end saw it, for rate limits. App Service (and so
 * Functions) terminates the connection at its front end and forwards `X-Forwarded-For` with the
 * address of the connection it accepted appended last; entries before it are whatever the client
 * sent, so only the last hop is evidence (the header the front end sets is the one App Service's
 * access restrictions filter on: https://learn.microsoft.com/azure/app-service/overview-access-restrictions#filter-by-http-header).
 * A port the front end adds (`203.0.113.7:51234`, `[2001:db8::1]:443`) is dropped, so one client
 * does not become many by changing its source port.
 */
export function clientAddressOf(forwardedFor: string | null | undefined): string | undefined {
  const last = forwardedFor?.split(',').at(-1)?.trim();
  if (last === undefined || last === '') return undefined;
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::\d+)?$/.exec(last);
  if (bracketed) return bracketed[1]?.toLowerCase();
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/.exec(last);
  if (v4) return v4[1];
  return /^[0-9a-fA-F:]+(?:\.[0-9.]+)?$/.test(last) && last.includes(':') ? last.toLowerCase() : undefined;
}
