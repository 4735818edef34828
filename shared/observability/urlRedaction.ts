/**
 * Secrets that travel in URLs must not travel on into logs and traces: the self-service link's
 * token (a path segment after `/s/`), and query parameters that carry a credential: a function
 * key (`code`), a webhook secret, a SAS signature (`sig`) and anything named like a token, key or
 * password. The rest of the URL stays, so a log line still says which page or route it was.
 */
export const redactedValue = '[redacted]';

const secretParameter =
  /^(code|secret|sig|signature|token|access_token|id_token|key|apikey|api_key|password|pwd)$/i;

/** A self-service token in a path: `/s/<token>` followed by the end, a slash, a query or a fragment. */
const linkTokenInPath = /(\/s\/)[^/?#\s"']+/g;

/** `name=value` pairs in free text whose name is a credential, e.g. inside an error message. */
const secretPairInText =
  /\b(code|secret|sig|signature|token|access_token|id_token|key|apikey|api_key|password|pwd)=([^&\s"'#]+)/gi;

/** The URL with its secrets replaced; a string that is not a URL is redacted as text. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactSecretsInText(url);
  }
  parsed.pathname = parsed.pathname.replace(linkTokenInPath, `$1${redactedValue}`);
  for (const name of [...parsed.searchParams.keys()]) {
    if (secretParameter.test(name)) parsed.searchParams.set(name, redactedValue);
  }
  return parsed.toString().replaceAll(encodeURIComponent(redactedValue), redactedValue);
}

/** Any text that may quote a URL (a log message, an error): tokens in paths and secret pairs go. */
export const redactSecretsInText = (text: string): string =>
  text.replace(linkTokenInPath, `$1${redactedValue}`).replace(secretPairInText, `$1=${redactedValue}`);
