import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { exportLinkLifetimeSeconds } from '../../shared/adapters/blob/personFiles';
import { appClock } from '../../shared/clock';
import { grants, rolesOf } from '../../shared/identity/access';
import { personalDataExport, type ExportFile } from '../../shared/privacy/exportDocument';
import { ExportRequest } from '../../shared/privacy/privacyRequest';
import { exportIdFor } from '../../shared/privacy/requestIds';
import { authenticate } from '../cases/access';
import { bodyOf } from '../cases/request';
import { errorResponse, logLine } from '../http';
import { files, personalData, privacyLog } from './dependencies';

/**
 * Everything held about a person, as one JSON document behind a 15-minute download link. The
 * export is recorded twice: as an export record (counts) and in the access log (who asked).
 */
async function exportHandler(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const identity = authenticate(request, rolesOf(grants.personalDataExport));
  if (!identity.ok) return identity.error;
  const body = await bodyOf(request, ExportRequest);
  if (!body.ok) return body.error;

  const store = personalData();
  const customerIds = await store.findCustomerIds(body.value.person);
  if (customerIds.length === 0) return errorResponse(404, 'no customer record matches');

  const now = appClock().now();
  const exportedAt = now.toISOString();
  const exportId = exportIdFor(customerIds, exportedAt);
  const records = await store.recordsOf(customerIds);
  const fileStore = files();
  const listed = (
    await Promise.all(records.workOrders.map((order) => fileStore.filesOf(String(order['id']))))
  ).flat();
  const withLinks: ExportFile[] = await Promise.all(
    listed.map(async (file) => ({
      ...file,
      downloadUrl: await fileStore.readUrl(file.container, file.name),
    })),
  );
  const linkExpiresAt = new Date(now.getTime() + exportLinkLifetimeSeconds * 1000).toISOString();
  const document = personalDataExport(exportId, exportedAt, linkExpiresAt, { ...records, files: withLinks });
  const downloadUrl = await fileStore.writeExport(exportId, document);

  const log = privacyLog();
  await log.save({
    id: exportId,
    docType: 'export',
    requestedBy: identity.value.userId,
    exportedAt,
    customerIds,
    counts: document.counts,
  } as { id: string; docType: 'export' });
  await log.recordAccess({
    at: exportedAt,
    userId: identity.value.userId,
    roles: [...identity.value.roles],
    action: 'export',
    subjectIds: [...customerIds],
  });
  context.log(
    logLine('personal data exported', { exportId, userId: identity.value.userId, ...document.counts }),
  );
  return {
    status: 201,
    jsonBody: { exportId, downloadUrl, linkExpiresAt, counts: document.counts },
  };
}

app.http('privacyExport', {
  route: 'privacy/exports',
  methods: ['POST'],
  authLevel: 'anonymous',
  handler: exportHandler,
});
