import { BlobServiceClient } from '@azure/storage-blob';
import { customerIdFor } from '../shared/customers/customer';
import { contactIndexIdFor } from '../shared/customers/contactIndex';
import { blobContainerName } from '../shared/resources';
import { aCustomer, aWorkOrder } from '../test/journey/support/fixtures';
import { signedInAs, startTestRuntime, type TestRuntime } from '../test/support/runtime';

const admin = {
  'content-type': 'application/json',
  ...signedInAs({ userId: 'admin-1', roles: ['admin'] }),
};
const people = 20;

const percentile = (values: number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))] ?? 0;

/** One person as the app leaves them after a visit: work order, customer, index, texts, a case, two files. */
async function seedPerson(rt: TestRuntime, blobs: BlobServiceClient, index: number): Promise<string[]> {
  const workOrderId = `WO-BENCH-${index}`;
  const customerId = customerIdFor(workOrderId);
  const phone = `+3247${String(1_000_000 + index).padStart(7, '0')}`;
  const caseId = `CASE-${String(index).padStart(6, '0')}`;
  const db = rt.cosmos!;
  await db.container('workOrders').items.create(
    aWorkOrder({
      id: workOrderId,
      customerId,
      caseIds: [caseId],
      state: { status: 'Closed', outcome: 'completed' },
    }),
  );
  await db.container('customers').items.create(aCustomer({ id: customerId, workOrderId, phone }));
  const indexId = contactIndexIdFor('sms', phone);
  await db.container('customers').items.create({
    id: indexId,
    docType: 'contactIndex',
    channel: 'sms',
    customerIds: [customerId],
    updatedAt: '2026-01-05T08:00:00Z',
  });
  for (const docType of ['customerDetails', 'surveyComment', 'smsText']) {
    await db
      .container('timeline')
      .items.create({ id: `${docType}-${index}`, docType, subjectId: workOrderId, text: 'x' });
  }
  await db
    .container('cases')
    .items.create({ id: caseId, docType: 'case', title: 'Call', notes: [], workOrders: [] });
  for (const [key, name] of [
    ['uploads', 'letter.pdf'],
    ['photos', 'meter.jpg'],
  ] as const) {
    await blobs
      .getContainerClient(blobContainerName(key))
      .getBlockBlobClient(`${workOrderId}/${name}`)
      .upload('x', 1);
  }
  return [phone, workOrderId, customerId, indexId, caseId];
}

/**
 * Time and storage operations to erase one person through the whole orchestration (find, end the
 * journey, tombstone, delete files, purge history, record), beside a baseline of the bare SDK
 * deletes of the same documents and blobs in the same run.
 */
export async function run(): Promise<void> {
  const rt = await startTestRuntime({ app: () => import('../test/privacy/support/privacyTestApp') });
  const blobs = BlobServiceClient.fromConnectionString(rt.settings['StorageConnection']!);
  try {
    const seeded = [];
    for (let index = 0; index < people * 2; index++) seeded.push(await seedPerson(rt, blobs, index));

    const erasureMs: number[] = [];
    let operations = 0;
    for (const [phone] of seeded.slice(0, people)) {
      const started = performance.now();
      const response = await rt.fetch('/api/privacy/erasures', {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ person: { phone } }),
      });
      const { statusUrl } = (await response.json()) as { statusUrl: string };
      for (;;) {
        const status = (await (await rt.fetch(statusUrl, { headers: admin })).json()) as {
          runtimeStatus: string;
          record?: { outcome: Record<string, number> };
        };
        if (status.runtimeStatus === 'Completed' && status.record) {
          const o = status.record.outcome;
          operations +=
            (o['storageReads'] ?? 0) +
            (o['documentsReplaced'] ?? 0) +
            (o['documentsDeleted'] ?? 0) +
            (o['filesDeleted'] ?? 0);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      erasureMs.push(performance.now() - started);
    }

    const baselineMs: number[] = [];
    const db = rt.cosmos!;
    for (const [, workOrderId, customerId, indexId, caseId] of seeded.slice(people)) {
      const started = performance.now();
      await db.container('workOrders').item(workOrderId!, workOrderId!).delete();
      await db.container('customers').item(customerId!, customerId!).delete();
      await db.container('customers').item(indexId!, indexId!).delete();
      for (const docType of ['customerDetails', 'surveyComment', 'smsText']) {
        await db
          .container('timeline')
          .item(`${docType}-${workOrderId!.slice(9)}`, workOrderId!)
          .delete();
      }
      await db.container('cases').item(caseId!, caseId!).delete();
      for (const [key, name] of [
        ['uploads', 'letter.pdf'],
        ['photos', 'meter.jpg'],
      ] as const) {
        await blobs
          .getContainerClient(blobContainerName(key))
          .getBlobClient(`${workOrderId}/${name}`)
          .delete();
      }
      baselineMs.push(performance.now() - started);
    }

    const p50 = percentile(erasureMs, 0.5);
    const base = percentile(baselineMs, 0.5);
    console.log(
      `erasure per person      p50 ${p50.toFixed(1)} ms  p90 ${percentile(erasureMs, 0.9).toFixed(1)} ms  (${people} people)`,
    );
    console.log(
      `storage operations      ${(operations / people).toFixed(1)} per person (reads, replaces, deletes, file deletes)`,
    );
    console.log(`baseline: bare deletes  p50 ${base.toFixed(1)} ms for the same 7 documents and 2 blobs`);
    console.log(`ratio                   ${(p50 / base).toFixed(2)}× the bare deletes`);
  } finally {
    await rt.stop();
  }
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
