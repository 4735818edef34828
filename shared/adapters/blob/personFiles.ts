import {
  BlobSASPermissions,
  generateBlobSASQueryParameters,
  StorageSharedKeyCredential,
  type BlobServiceClient,
} from '@azure/storage-blob';
import { blobContainerName, type BlobContainerKey } from '../../resources';

/** Seconds an export's download link works: long enough to save the file, too short to forward. */
export const exportLinkLifetimeSeconds = 15 * 60;

/** The containers whose blobs are a work order's files, named `<workOrderId>/<name>` (staged uploads too). */
export const workOrderFileContainers: readonly BlobContainerKey[] = ['uploads', 'uploadsIncoming', 'photos'];

export interface StoredFile {
  readonly container: BlobContainerKey;
  readonly name: string;
  readonly size: number;
  readonly contentType?: string;
  readonly createdOn: string;
}

async function readUrl(service: BlobServiceClient, container: BlobContainerKey, name: string) {
  // Storage checks a SAS against its own wall clock, not the app's (possibly virtual) one.
  const now = new Date();
  const startsOn = new Date(now.getTime() - 60_000);
  const expiresOn = new Date(now.getTime() + exportLinkLifetimeSeconds * 1000);
  const blob = service.getContainerClient(blobContainerName(container)).getBlobClient(name);
  const permissions = BlobSASPermissions.parse('r');
  if (service.credential instanceof StorageSharedKeyCredential) {
    return blob.generateSasUrl({ permissions, startsOn, expiresOn });
  }
  const key = await service.getUserDelegationKey(startsOn, expiresOn);
  const sas = generateBlobSASQueryParameters(
    { containerName: blobContainerName(container), blobName: name, permissions, startsOn, expiresOn },
    key,
    service.accountName,
  );
  return `${blob.url}?${sas.toString()}`;
}

export function personFiles(service: BlobServiceClient) {
  return {
    async filesOf(workOrderId: string): Promise<readonly StoredFile[]> {
      const files: StoredFile[] = [];
      for (const container of workOrderFileContainers) {
        const client = service.getContainerClient(blobContainerName(container));
        for await (const blob of client.listBlobsFlat({ prefix: `${workOrderId}/` })) {
          files.push({
            container,
            name: blob.name,
            size: blob.properties.contentLength ?? 0,
            ...(blob.properties.contentType ? { contentType: blob.properties.contentType } : {}),
            createdOn: (blob.properties.createdOn ?? blob.properties.lastModified).toISOString(),
          });
        }
      }
      return files;
    },

    /** Deletes a work order's files, snapshots included; a second run finds nothing to delete. */
    async deleteFilesOf(workOrderId: string): Promise<number> {
      let deleted = 0;
      for (const file of await this.filesOf(workOrderId)) {
        const blob = service.getContainerClient(blobContainerName(file.container)).getBlobClient(file.name);
        const result = await blob.deleteIfExists({ deleteSnapshots: 'include' });
        if (result.succeeded) deleted += 1;
      }
      return deleted;
    },

    /** Files older than the cutoff, for the retention timer. */
    async deleteFilesCreatedBefore(cutoff: Date): Promise<number> {
      let deleted = 0;
      for (const container of workOrderFileContainers) {
        const client = service.getContainerClient(blobContainerName(container));
        for await (const blob of client.listBlobsFlat()) {
          const created = blob.properties.createdOn ?? blob.properties.lastModified;
          if (created.getTime() >= cutoff.getTime()) continue;
          if (
            (await client.getBlobClient(blob.name).deleteIfExists({ deleteSnapshots: 'include' })).succeeded
          )
            deleted += 1;
        }
      }
      return deleted;
    },

    /** An export's files: an erasure removes the copies it handed out too. */
    async deleteExport(exportId: string): Promise<number> {
      const client = service.getContainerClient(blobContainerName('exports'));
      let deleted = 0;
      for await (const blob of client.listBlobsFlat({ prefix: `${exportId}/` })) {
        if ((await client.getBlobClient(blob.name).deleteIfExists({ deleteSnapshots: 'include' })).succeeded)
          deleted += 1;
      }
      return deleted;
    },

    readUrl: (container: BlobContainerKey, name: string) => readUrl(service, container, name),

    async writeExport(exportId: string, document: unknown): Promise<string> {
      const name = `${exportId}/export.json`;
      const body = JSON.stringify(document, null, 2);
      await service
        .getContainerClient(blobContainerName('exports'))
        .getBlockBlobClient(name)
        .upload(body, Buffer.byteLength(body), {
          blobHTTPHeaders: {
            blobContentType: 'application/json',
            blobContentDisposition: `attachment; filename="${exportId}.json"`,
          },
        });
      return readUrl(service, 'exports', name);
    },
  };
}

export type PersonFiles = ReturnType<typeof personFiles>;
