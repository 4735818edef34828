import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { personFiles } from '../../shared/adapters/blob/personFiles';
import { grants, rolesOf } from '../../shared/identity/access';
import { authenticate } from '../cases/access';
import { partsOf } from '../cases/request';
import { logLine } from '../http';
import { blobs, cosmos } from '../platform';
import { WorkOrderParams } from '../technicians/schemas';
import { visibleWorkOrder } from '../technicians/workOrders';

interface DetailsDocument {
  readonly text: string;
  readonly submittedAt: string;
}

/**
 * What the customer added on their self-service page before the visit: the details they typed and
 * the photos or documents they uploaded, each behind a 15-minute read link. Only those who may see
 * the work order see them (its technician, dispatch, ops, admins).
 */
async function customerAdditions(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const identity = authenticate(request, rolesOf(grants.technicianView));
  if (!identity.ok) return identity.error;
  const params = partsOf(request.params, WorkOrderParams, 'params');
  if (!params.ok) return params.error;
  const { workOrderId } = params.value;
  const found = await visibleWorkOrder(identity.value, workOrderId);
  if (!found.ok) return found.error;
  const { resources } = await cosmos()
    .container('timeline')
    .items.query<DetailsDocument>({
      query:
        "SELECT c.text, c.submittedAt FROM c WHERE c.subjectId = @id AND c.docType = 'customerDetails' ORDER BY c.submittedAt",
      parameters: [{ name: '@id', value: workOrderId }],
    })
    .fetchAll();
  const files = personFiles(blobs());
  const uploads = await Promise.all(
    (await files.filesOf(workOrderId))
      .filter((file) => file.container === 'uploads')
      .map(async (file) => ({
        kind: file.contentType === 'application/pdf' ? 'document' : 'photo',
        contentType: file.contentType,
        size: file.size,
        uploadedAt: file.createdOn,
        url: await files.readUrl('uploads', file.name),
      })),
  );
  context.log(
    logLine('customer additions read', {
      workOrderId,
      correlationId: found.value.value.correlationId,
      uploads: uploads.length,
    }),
  );
  return {
    jsonBody: {
      workOrderId,
      details: resources.map((doc) => ({ text: doc.text, submittedAt: doc.submittedAt })),
      uploads,
    },
    headers: { 'cache-control': 'no-store' },
  };
}

app.http('technicianCustomerAdditions', {
  route: 'tech/work-orders/{workOrderId}/customer-additions',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: customerAdditions,
});
