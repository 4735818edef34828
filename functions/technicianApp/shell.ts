import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { grants } from '../../shared/identity/access';
import { technicianAssets, shellFiles, shellVersion } from '../../web/technician/assets';
import { serviceWorkerScript, technicianScope } from '../../web/technician/serviceWorker';
import { technicianShell } from '../../web/technician/shell';
import { blobs } from '../platform';
import { compressed } from '../selfService/compression';
import { staffScreen } from '../staff/staffGate';
import { serveAssets } from '../assets';
import { staffSeeOther } from '../staff/staffResponses';
import { technicianHeaders, technicianHtml } from './technicianResponses';

const uploadOrigin = (): string | undefined => {
  try {
    return new URL(blobs().url).origin;
  } catch {
    return undefined;
  }
};

/**
 * `/api/tech/`: the app's page, for technicians only. Its address ends in a slash because the
 * service worker's scope does (a page outside the scope would not be controlled, nor open offline).
 */
async function technicianPage(request: HttpRequest): Promise<HttpResponseInit> {
  if (!new URL(request.url).pathname.endsWith('/')) return staffSeeOther(technicianScope);
  const viewer = staffScreen(request, grants.technicianWork);
  if (!viewer.ok) return viewer.error;
  return technicianHtml(
    technicianShell({ identity: viewer.value.identity, csrfToken: viewer.value.csrfToken }),
    uploadOrigin(),
    viewer.value.cookies,
  );
}

const workerScript = serviceWorkerScript(shellVersion, shellFiles);

/**
 * The worker is fetched at a fixed address and must not be cached long: the browser checks it
 * for updates, and a changed shell shows up as a changed script (its version and file list).
 */
async function serviceWorker(): Promise<HttpResponseInit> {
  return {
    status: 200,
    body: workerScript,
    headers: {
      ...technicianHeaders(undefined),
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
    },
  };
}

app.http('technicianApp', {
  route: 'tech',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: compressed(technicianPage),
});
app.http('technicianServiceWorker', {
  route: 'tech/sw.js',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: compressed(serviceWorker),
});
serveAssets('technicianAsset', 'tech/assets/{file}', Object.values(technicianAssets));
