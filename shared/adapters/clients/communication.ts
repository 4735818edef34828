import { EmailClient } from '@azure/communication-email';
import { SmsClient } from '@azure/communication-sms';
import { azureCredential } from './credential';
import { readConnection, type Settings } from './settings';

/** Plain HTTP is only ever allowed for a loopback endpoint: the local runtime's ACS outbox. */
function isLoopback(connectionString: string): boolean {
  const endpoint = /endpoint=([^;]+)/i.exec(connectionString)?.[1] ?? '';
  try {
    const host = new URL(endpoint).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}

export function createEmailClient(settings: Settings): EmailClient {
  const connection = readConnection(settings, 'AcsConnection', 'endpoint');
  if (connection.kind === 'identity') return new EmailClient(connection.address, azureCredential());
  return new EmailClient(connection.value, { allowInsecureConnection: isLoopback(connection.value) });
}

export function createSmsClient(settings: Settings): SmsClient {
  const connection = readConnection(settings, 'AcsConnection', 'endpoint');
  if (connection.kind === 'identity') return new SmsClient(connection.address, azureCredential());
  return new SmsClient(connection.value, { allowInsecureConnection: isLoopback(connection.value) });
}
