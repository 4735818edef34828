import {
  BlobSASPermissions,
  generateBlobSASQueryParameters,
  StorageSharedKeyCredential,
  type BlobServiceClient,
} from '@azure/storage-blob';

/** Seconds an upload URL stays usable: long enough for a phone on a slow network, short enough to be useless later. */
export const uploadUrlLifetimeSeconds = 10 * 60;

/**
 * A URL that lets one client create one blob, nothing else, for a few minutes. With an account
 * key (the local emulator) the SAS is signed with it; with managed identity (Azure) it is a user
 * delegation SAS, so no key is ever in the app's settings.
 *
 * Create only (`sp=c`): "Create (c): Write a new blob … " without Write, Put Blob on a name that
 * already exists is refused (403 AuthorizationPermissionMismatch), so a leaked URL cannot replace
 * evidence once it is stored. Azurite enforces the same (BlobSASAuthenticator: an existing block
 * blob needs Write). Put Block / Put Block List need Write, so clients upload in one Put Blob,
 * which is far above the 10 MB uploads allow.
 * https://learn.microsoft.com/rest/api/storageservices/create-service-sas#permissions-for-a-directory-container-or-blob
 */
export async function createUploadUrl(
  service: BlobServiceClient,
  containerName: string,
  blobName: string,
  contentType: string,
): Promise<string> {
  // Storage checks a SAS against its own wall clock, so the window is set in real time even when
  // the app runs on a test's virtual clock.
  const now = new Date();
  const blob = service.getContainerClient(containerName).getBlockBlobClient(blobName);
  const startsOn = new Date(now.getTime() - 60_000);
  const expiresOn = new Date(now.getTime() + uploadUrlLifetimeSeconds * 1000);
  const permissions = BlobSASPermissions.parse('c');
  if (service.credential instanceof StorageSharedKeyCredential) {
    return blob.generateSasUrl({ permissions, startsOn, expiresOn, contentType });
  }
  const key = await service.getUserDelegationKey(startsOn, expiresOn);
  const sas = generateBlobSASQueryParameters(
    { containerName, blobName, permissions, startsOn, expiresOn, contentType },
    key,
    service.accountName,
  );
  return `${blob.url}?${sas.toString()}`;
}
