import { BlobServiceClient } from '@azure/storage-blob';
import { azureCredential } from './credential';
import { readConnection, type Settings } from './settings';

export function createBlobServiceClient(settings: Settings): BlobServiceClient {
  const connection = readConnection(settings, 'StorageConnection', 'blobServiceUri');
  return connection.kind === 'connectionString'
    ? BlobServiceClient.fromConnectionString(connection.value)
    : new BlobServiceClient(connection.address, azureCredential());
}
