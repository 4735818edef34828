import { app, HttpResponse, type HttpResponseInit } from '@azure/functions';

/**
 * HTTPS only, for a year, on every response the app gives (pages, JSON and the rest): a browser
 * that has seen the app once never tries it over plain HTTP, where a link's token could be read.
 * App Service already redirects HTTP to HTTPS (`httpsOnly` in api.bicep); this header makes the
 * browser skip the insecure first request too (OWASP ASVS 14.4.5).
 */
export const strictTransportSecurity = 'max-age=31536000; includeSubDomains';

function withHsts(result: unknown): unknown {
  if (result instanceof HttpResponse) {
    result.headers.set('strict-transport-security', strictTransportSecurity);
    return result;
  }
  if (typeof result !== 'object' || result === null) return result;
  const init = result as HttpResponseInit;
  const headers = new Headers(init.headers as ConstructorParameters<typeof Headers>[0]);
  headers.set('strict-transport-security', strictTransportSecurity);
  return { ...init, headers: Object.fromEntries(headers) };
}

app.hook.postInvocation((context) => {
  if (context.invocationContext.options.trigger.type !== 'httpTrigger') return;
  context.result = withHsts(context.result);
});
