import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { raiseJourneyEvent } from '../../orchestrations/journey/client';
import { createUploadUrl, uploadUrlLifetimeSeconds } from '../../shared/adapters/blob/uploadUrls';
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
import { managePurposes, resolveLink, type LinkContext } from './linkContext';
import { seeOther } from './responses';

const durableClient = df.input.durableClient();
const container = blobContainerName('uploads');

const limitText = `${maxUploadBytes / (1024 * 1024)} MB`;

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

/**
 * The script says the PUT is done. The stored blob is checked, since what a browser declared
 * proves nothing: its size, and its type by its first bytes, not by the name or header.
 */
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
  const size = properties.contentLength ?? 0;
  if (size < 1 || size > maxUploadBytes) {
    await blob.deleteIfExists();
    return badRequest([{ path: 'file', message: `must be at most ${limitText}` }], { tooLarge: true });
  }
  const head = await blob.downloadToBuffer(0, Math.min(size, signatureBytes));
  const type = sniffUploadType(head);
  if (type === undefined) {
    await blob.deleteIfExists();
    return badRequest([
      { path: 'file', message: `must be a JPEG, PNG, HEIC or PDF file of at most ${limitText}` },
    ]);
  }
  await announce(resolved.link, blobName, type, context);
  return { status: 200, jsonBody: { blobName } };
}

type BoundedBody = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false };

/**
 * The request body, but never more than `limit` bytes of it: a declared Content-Length over the
 * limit is refused before reading, and a body without one (chunked) stops being read at the limit.
 */
export async function readBounded(request: HttpRequest, limit: number): Promise<BoundedBody> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return { ok: false };
  const reader = request.body?.getReader();
  if (reader === undefined) return { ok: true, bytes: Buffer.alloc(0) };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { ok: false };
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
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
 * Without JavaScript the file comes in the form post: size first (Content-Length, then a bounded
 * read), then its leading bytes. Every outcome redirects, so Back and reload show a page, and an
 * error sits next to the file field naming the limit.
 */
async function uploadForm(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const deps = selfServiceDependencies();
  const resolved = await resolveLink(request, deps, managePurposes, request.query.get('lang'));
  if (!resolved.ok) return resolved.response;
  const link = resolved.link;
  const back = (error: FieldError) => seeOther(`${link.base.path}?error=${error}&lang=${link.language}#file`);
  const body = await readBounded(request, maxUploadRequestBytes);
  if (!body.ok) return back('uploadTooLarge');
  const form = await formFrom(request, body.bytes);
  const file = form?.get('file');
  if (file === null || file === undefined || typeof file === 'string' || file.size === 0)
    return back('uploadMissing');
  if (file.size > maxUploadBytes) return back('uploadTooLarge');
  const bytes = Buffer.from(await file.arrayBuffer());
  const type = sniffUploadType(bytes.subarray(0, signatureBytes));
  if (type === undefined) return back('uploadWrongType');
  const blobName = uploadBlobName(link.workOrder.id, type, randomUUID());
  await deps
    .blobs()
    .getContainerClient(container)
    .getBlockBlobClient(blobName)
    .uploadData(bytes, { blobHTTPHeaders: { blobContentType: type } });
  await announce(link, blobName, type, context);
  const language = form?.get('lang');
  return seeOther(
    `${link.base.path}?done=uploadThanks&lang=${typeof language === 'string' ? language : link.language}`,
  );
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
