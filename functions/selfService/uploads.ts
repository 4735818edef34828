import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { raiseJourneyEvent } from '../../orchestrations/journey/client';
import { createUploadUrl, uploadUrlLifetimeSeconds } from '../../shared/adapters/blob/uploadUrls';
import {
  belongsTo,
  maxUploadBytes,
  UploadContentType,
  UploadRequest,
  uploadBlobName,
  uploadKindOf,
} from '../../shared/booking/uploadRules';
import { blobContainerName } from '../../shared/resources';
import { validate, type ValidationIssue } from '../../shared/validation';
import { selfServiceDependencies } from './dependencies';
import { managePurposes, resolveLink, type LinkContext } from './linkContext';
import { renderManagePage } from './page';
import { seeOther } from './responses';

const durableClient = df.input.durableClient();
const container = blobContainerName('uploads');

const badRequest = (errors: readonly ValidationIssue[]): HttpResponseInit => ({
  status: 400,
  jsonBody: { errors },
});

async function announce(
  link: LinkContext,
  blobName: string,
  contentType: UploadContentType,
  context: InvocationContext,
) {
  const raised = await raiseJourneyEvent(df.getClient(context), link.workOrder.id, 'detailsSubmitted', {
    kind: uploadKindOf(contentType),
    reference: blobName,
  });
  if (!raised.ok) {
    context.warn(
      JSON.stringify({
        message: 'journey not told of upload',
        workOrderId: link.workOrder.id,
        reason: raised.error,
      }),
    );
  }
  context.log(
    JSON.stringify({
      message: 'customer upload stored',
      workOrderId: link.workOrder.id,
      correlationId: link.workOrder.correlationId,
    }),
  );
}

async function jsonBody(request: HttpRequest): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    return undefined;
  }
}

/** A short-lived URL the page's script PUTs the file to, straight into Blob storage. */
async function uploadUrl(request: HttpRequest): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const resolved = await resolveLink(request, deps, managePurposes);
  if (!resolved.ok) return resolved.response;
  const parsed = validate(UploadRequest, await jsonBody(request));
  if (!parsed.ok) return badRequest(parsed.error);
  const blobName = uploadBlobName(resolved.link.workOrder.id, parsed.value.contentType, randomUUID());
  return {
    jsonBody: {
      uploadUrl: await createUploadUrl(deps.blobs(), container, blobName, parsed.value.contentType),
      blobName,
      expiresAt: new Date(Date.now() + uploadUrlLifetimeSeconds * 1000).toISOString(),
    },
    headers: { 'cache-control': 'no-store' },
  };
}

/** The script says the PUT is done; the stored blob is checked, since what a browser declared proves nothing. */
async function uploadComplete(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const resolved = await resolveLink(request, deps, managePurposes);
  if (!resolved.ok) return resolved.response;
  const parsed = validate(z.object({ blobName: z.string().min(1).max(300) }), await jsonBody(request));
  if (!parsed.ok) return badRequest(parsed.error);
  const { blobName } = parsed.value;
  if (!belongsTo(blobName, resolved.link.workOrder.id)) {
    return badRequest([{ path: 'blobName', message: 'is not an upload of this work order' }]);
  }
  const blob = deps.blobs().getContainerClient(container).getBlockBlobClient(blobName);
  const properties = await blob.getProperties().catch(() => undefined);
  if (properties === undefined)
    return badRequest([{ path: 'blobName', message: 'nothing was uploaded there' }]);
  const type = UploadContentType.safeParse(properties.contentType);
  const size = properties.contentLength ?? 0;
  if (!type.success || size < 1 || size > maxUploadBytes) {
    await blob.deleteIfExists();
    return badRequest([{ path: 'file', message: 'must be a JPEG, PNG or PDF file of at most 10 MB' }]);
  }
  await announce(resolved.link, blobName, type.data, context);
  return { status: 200, jsonBody: { blobName } };
}

/** Without JavaScript the file comes to us in the form post and we store it. */
async function uploadForm(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const form = await request.formData().catch(() => undefined);
  const lang = form?.get('lang');
  const resolved = await resolveLink(
    request,
    deps,
    managePurposes,
    typeof lang === 'string' ? lang : undefined,
  );
  if (!resolved.ok) return resolved.response;
  const link = resolved.link;
  const file = form?.get('file');
  const invalid = async () => ({ ...(await renderManagePage(link, deps, 'invalidForm')), status: 400 });
  if (file === null || file === undefined || typeof file === 'string') return invalid();
  const checked = validate(UploadRequest, {
    fileName: file.name || 'upload',
    contentType: file.type,
    size: file.size,
  });
  if (!checked.ok) return invalid();
  const blobName = uploadBlobName(link.workOrder.id, checked.value.contentType, randomUUID());
  await deps
    .blobs()
    .getContainerClient(container)
    .getBlockBlobClient(blobName)
    .uploadData(Buffer.from(await file.arrayBuffer()), {
      blobHTTPHeaders: { blobContentType: checked.value.contentType },
    });
  await announce(link, blobName, checked.value.contentType, context);
  return seeOther(`${link.base.path}?done=uploadThanks&lang=${link.language}`);
}

const post = (
  route: string,
  handler: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>,
  needsJourney: boolean,
) => ({
  route,
  methods: ['POST' as const],
  authLevel: 'anonymous' as const,
  ...(needsJourney ? { extraInputs: [durableClient] } : {}),
  handler,
});

app.http('selfServiceUploadUrl', post('s/{token}/upload-url', uploadUrl, false));
app.http('selfServiceUploadComplete', post('s/{token}/upload-complete', uploadComplete, true));
app.http('selfServiceUpload', post('s/{token}/upload', uploadForm, true));
