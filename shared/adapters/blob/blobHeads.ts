import { RestError, type BlobServiceClient } from '@azure/storage-blob';
import type { StoredBlobHead } from '../../fieldwork/photoEvidence';

/**
 * Size and first bytes of a blob, or undefined when there is none: one ranged Get Blob, so a
 * report's photos are checked without downloading them. A 0-byte blob cannot serve a range
 * (416), so it is read as empty through its properties.
 */
export async function blobHead(
  service: BlobServiceClient,
  containerName: string,
  blobName: string,
  bytes: number,
): Promise<StoredBlobHead | undefined> {
  const blob = service.getContainerClient(containerName).getBlobClient(blobName);
  try {
    const downloaded = await blob.download(0, bytes);
    const body = downloaded.readableStreamBody;
    const chunks: Buffer[] = [];
    if (body !== undefined) for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
    const size = Number(/\/(\d+)$/.exec(downloaded.contentRange ?? '')?.[1] ?? downloaded.contentLength ?? 0);
    return { size, head: new Uint8Array(Buffer.concat(chunks)) };
  } catch (error) {
    if (!(error instanceof RestError)) throw error;
    if (error.statusCode === 404) return undefined;
    if (error.statusCode === 416) {
      const properties = await blob.getProperties();
      return { size: properties.contentLength ?? 0, head: new Uint8Array() };
    }
    throw error;
  }
}
