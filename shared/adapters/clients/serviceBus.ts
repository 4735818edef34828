import { ServiceBusClient } from '@azure/service-bus';
import { azureCredential } from './credential';
import { readConnection, type Settings } from './settings';

export function createServiceBusClient(settings: Settings): ServiceBusClient {
  const connection = readConnection(settings, 'ServiceBusConnection', 'fullyQualifiedNamespace');
  return connection.kind === 'connectionString'
    ? new ServiceBusClient(connection.value)
    : new ServiceBusClient(connection.address, azureCredential());
}
