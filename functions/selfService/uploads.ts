import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { createHash, randomUUID } from 'node:crypto';
import type { BlockBlobClient } from '@azure/storage-blob';
import { raiseJourneyEvent } from '../../orchestrations/journey/client';
import { createUploadUrl, uploadUrlLifetimeSeconds } from '../../shared/adapters/blob/uploadUrls';
import { storeOnce, type StoredOnce } from '../../shared/adapters/blob/finalUploads';
import { signatureBytes, sniffUploadType } from '../../shared/booking/fileSignature';
import {
  belongsTo,
  maxUploadBytes,
  maxUploadRequestBytes,
  UploadRequest,
  uploadBlobName,
  uploadKindOf,
  type UploadContentType,
} from '../../shared/booking/uploadRules';
import { blobContainerName } from '../../shared/resources';
import { validate, type ValidationIssue } from '../../shared/validation';
import type { FieldError } from '../../web/customer/pages';
import { selfServiceDependencies } from './dependencies';
import { inLanguage, resolveLink, type LinkContext } from './linkContext';
import { jsonOf, payloadTooLarge, readBounded } from '../boundedBody';
import { seeOther } from './responses';
import { UploadCompletion } from './forms';

const durableClient = df.input.durableClient();
/** Where the browser's PUT lands (create-only SAS); nothing there is ever used as it is. */
const incoming = blobContainerName('uploadsIncoming');
/** Where a checked file is kept, under a name no upload URL ever named. */
const uploads = blobContainerName('uploads');

const limitText = `${maxUploadBytes / (1024 * 1024)} MB`;

/** The JSON bodies of the upload-URL and completion calls are a few fields. */
export const maxUploadJsonBytes = 4 * 1024;

const badRequest = (
  errors: readonly ValidationIssue[],
  extra: Record<string, unknown> = {},
): HttpResponseInit => ({
  status: 400,
  jsonBody: { errors, ...extra },
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

type Json =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly response: HttpResponseInit };

async function boundedJson(request: HttpRequest): Promise<Json> {
  const body = await readBounded(request, maxUploadJsonBytes);
  if (!body.ok) return { ok: false, response: payloadTooLarge(maxUploadJsonBytes) };
  return { ok: true, value: jsonOf(body.bytes) };
}

/** A short-lived, create-only URL the page's script PUTs the file to, in the incoming container. */
async function uploadUrl(request: HttpRequest): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const resolved = await resolveLink(request, deps, 'manage');
  if (!resolved.ok) return resolved.response;
  const json = await boundedJson(request);
  if (!json.ok) return json.response;
  const parsed = validate(UploadRequest, json.value);
  if (!parsed.ok) return badRequest(parsed.error);
  const blobName = uploadBlobName(resolved.link.workOrder.id, parsed.value.contentType, randomUUID());
  return {
    jsonBody: {
      uploadUrl: await createUploadUrl(deps.blobs(), incoming, blobName, parsed.value.contentType),
      blobName,
      expiresAt: new Date(Date.now() + uploadUrlLifetimeSeconds * 1000).toISOString(),
    },
    headers: { 'cache-control': 'no-store' },
  };
}

/**
 * The final name of an upload: another name than the one its URL was signed for, yet always the
 * same for the same staged name (a digest of it), so completing it twice finds the name taken;
 * the extension says what the bytes are, not what the browser declared.
 */
const finalNameOf = (stagedName: string, workOrderId: string, type: UploadContentType): string =>
  uploadBlobName(workOrderId, type, createHash('sha256').update(stagedName).digest('hex').slice(0, 32));

/** A second completion of the same upload finds its final name taken: the URL cannot add or replace. */
const storedAnswer = (stored: StoredOnce): HttpResponseInit | undefined =>
  stored === 'exists'
    ? { status: 409, jsonBody: { errors: [{ path: 'blobName', message: 'was already received' }] } }
    : undefined;

/**
 * The script says the PUT is done. The staged blob is checked, since what a browser declared
 * proves nothing: its size, and its type by its first bytes. The bytes checked are the bytes
 * copied, to a final name no upload URL names and that is written once (If-None-Match: *), so
 * nothing the customer's URL can still do reaches the kept file; the staged blob is then deleted.
 */
async function uploadComplete(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const resolved = await resolveLink(request, deps, 'manage');
  if (!resolved.ok) return resolved.response;
  const json = await boundedJson(request);
  if (!json.ok) return json.response;
  const parsed = validate(UploadCompletion, json.value);
  if (!parsed.ok) return badRequest(parsed.error);
  const { blobName } = parsed.value;
  const workOrderId = resolved.link.workOrder.id;
  if (!belongsTo(blobName, workOrderId)) {
    return badRequest([{ path: 'blobName', message: 'is not an upload of this work order' }]);
  }
  const staged: BlockBlobClient = deps.blobs().getContainerClient(incoming).getBlockBlobClient(blobName);
  const properties = await staged.getProperties().catch(() => undefined);
  if (properties === undefined)
    return badRequest([{ path: 'blobName', message: 'nothing was uploaded there' }]);
  const size = properties.contentLength ?? 0;
  if (size < 1 || size > maxUploadBytes) {
    await staged.deleteIfExists();
    return badRequest([{ path: 'file', message: `must be at most ${limitText}` }], { tooLarge: true });
  }
  const bytes = await staged.downloadToBuffer(0, size);
  const type = bytes.length === size ? sniffUploadType(bytes.subarray(0, signatureBytes)) : undefined;
  if (type === undefined) {
    await staged.deleteIfExists();
    return badRequest([
      { path: 'file', message: `must be a JPEG, PNG, HEIC or PDF file of at most ${limitText}` },
    ]);
  }
  const finalName = finalNameOf(blobName, workOrderId, type);
  const stored = await storeOnce(deps.blobs(), uploads, finalName, bytes, type);
  await staged.deleteIfExists();
  const refused = storedAnswer(stored);
  if (refused !== undefined) return refused;
  await announce(resolved.link, finalName, type, context);
  return { status: 200, jsonBody: { blobName: finalName } };
}

/** The multipart form from bytes already read, parsed by the platform's own `Request`. */
async function formFrom(request: HttpRequest, bytes: Buffer): Promise<FormData | undefined> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.startsWith('multipart/form-data')) return undefined;
  return new Request('http://upload.invalid/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: bytes,
  })
    .formData()
    .catch(() => undefined);
}

/**
 * Without JavaScript the file comes in the form post: the link first, then size (Content-Length,
 * then a bounded read), then its leading bytes. Every outcome redirects, so Back and reload show
 * a page, and an error sits next to the file field naming the limit.
 */
async function uploadForm(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const resolved = await resolveLink(request, deps, 'manage');
  if (!resolved.ok) return resolved.response;
  const body = await readBounded(request, maxUploadRequestBytes);
  const form = body.ok ? await formFrom(request, body.bytes) : undefined;
  const language = form?.get('lang');
  const link = inLanguage(resolved.link, request, typeof language === 'string' ? language : undefined);
  const back = (error: FieldError) => seeOther(`${link.base.path}?error=${error}&lang=${link.language}#file`);
  if (!body.ok) return back('uploadTooLarge');
  const file = form?.get('file');
  if (file === null || file === undefined || typeof file === 'string' || file.size === 0)
    return back('uploadMissing');
  if (file.size > maxUploadBytes) return back('uploadTooLarge');
  const bytes = Buffer.from(await file.arrayBuffer());
  const type = sniffUploadType(bytes.subarray(0, signatureBytes));
  if (type === undefined) return back('uploadWrongType');
  const blobName = uploadBlobName(link.workOrder.id, type, randomUUID());
  await storeOnce(deps.blobs(), uploads, blobName, bytes, type);
  await announce(link, blobName, type, context);
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
