import { RestError, type BlobServiceClient } from '@azure/storage-blob';

export type StoredOnce = 'stored' | 'exists';

/**
 * Writes a blob only if none has that name (`If-None-Match: *`, so Storage answers 409 to a
 * second writer): a kept file is never replaced, by us or by anyone holding an old URL.
 * https://learn.microsoft.com/rest/api/storageservices/specifying-conditional-headers-for-blob-service-operations
 */
export async function storeOnce(
  service: BlobServiceClient,
  containerName: string,
  blobName: string,
  bytes: Buffer,
  contentType: string,
): Promise<StoredOnce> {
  try {
    await service
      .getContainerClient(containerName)
      .getBlockBlobClient(blobName)
      .uploadData(bytes, {
        blobHTTPHeaders: { blobContentType: contentType },
        conditions: { ifNoneMatch: '*' },
      });
    return 'stored';
  } catch (error) {
    if (error instanceof RestError && (error.statusCode === 409 || error.statusCode === 412)) return 'exists';
    throw error;
  }
}
