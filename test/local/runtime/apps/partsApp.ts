import { app } from '@azure/functions';
import {
  cosmosStore,
  createBlobServiceClient,
  createCosmosClient,
  createEmailClient,
} from '../../../../shared/adapters/clients';
import { blobContainerName } from '../../../../shared/resources';

/** Functions that reach each embedded part through the app's own client factories. */

app.http('cosmosRoundTrip', {
  route: 'parts/cosmos/{id}',
  methods: ['PUT'],
  handler: async (request) => {
    const container = cosmosStore(createCosmosClient(process.env)).container('technicians');
    const id = request.params['id'] ?? '';
    await container.items.upsert({ id, region: 'north' });
    const { resource } = await container.item(id, id).read<{ id: string; region: string }>();
    return { jsonBody: { id: resource?.id, region: resource?.region } };
  },
});

app.http('blobRoundTrip', {
  route: 'parts/blob/{name}',
  methods: ['PUT'],
  handler: async (request) => {
    const container = createBlobServiceClient(process.env).getContainerClient(blobContainerName('uploads'));
    const blob = container.getBlockBlobClient(request.params['name'] ?? '');
    const text = await request.text();
    await blob.upload(text, Buffer.byteLength(text));
    const downloaded = await blob.downloadToBuffer();
    return { jsonBody: { stored: downloaded.toString('utf8') } };
  },
});

app.http('sendEmail', {
  route: 'parts/email',
  methods: ['POST'],
  handler: async () => {
    const poller = await createEmailClient(process.env).beginSend({
      senderAddress: process.env['AcsEmailSender'] ?? '',
      content: { subject: 'Runtime check', plainText: 'Hello from the local runtime.' },
      recipients: { to: [{ address: 'someone@example.test' }] },
    });
    const result = await poller.pollUntilDone();
    return { jsonBody: { status: result.status } };
  },
});
