import { describe, expect, it } from 'vitest';
import { loadFunctionApp } from '@fieldline/functions-local';
import { journeyActivityNames } from '../../orchestrations/journey/activityContracts';
import { journeyOrchestrationName } from '../../orchestrations/journey/contract';
import { queueName } from '../../shared/resources';

describe('the function app entry', () => {
  it('loads without any settings and registers every area', async () => {
    const keys = ['CosmosDbConnection', 'ServiceBusConnection', 'AcsConnection', 'LinkSigningKeys'];
    const saved = keys.map((key) => [key, process.env[key]] as const);
    for (const key of keys) delete process.env[key];
    try {
      const host = await loadFunctionApp(() => import('../../functions'));
      const byName = new Map(host.functions.map((f) => [f.name, f.trigger]));

      expect(byName.get('health')?.type).toBe('httpTrigger');
      expect(byName.get('workOrdersInbound')).toMatchObject({
        type: 'serviceBusTrigger',
        queueName: queueName('workOrdersInbound'),
        connection: 'ServiceBusConnection',
      });
      expect(byName.get(journeyOrchestrationName)?.type).toBe('orchestrationTrigger');
      for (const activity of Object.values(journeyActivityNames)) {
        expect(byName.get(activity)?.type, activity).toBe('activityTrigger');
      }
      expect(host.get('workOrdersInbound')?.inputs).toBeDefined();
      const clientInputs = Object.values(host.get('workOrdersInbound')?.inputs ?? {}).map((b) => b.type);
      expect(clientInputs).toContain('durableClient');
    } finally {
      for (const [key, value] of saved) if (value !== undefined) process.env[key] = value;
    }
  });
});
