import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { startJourney } from '../../../orchestrations/journey/client';
import { journeyEvents } from '../../../orchestrations/journey/contract';
import { registerRecordingJourney } from '../../support/recordingJourney';
import '../../../functions/cases';
import '../../../functions/technicians';
import '../../../functions/openapi';

/**
 * The cases and technician functions as deployed, beside a stand-in customer journey that only
 * records the events it is sent (the real journey is tested in test/journey), and two test-only
 * HTTP functions to start it and read what it heard.
 */
const listened = [
  journeyEvents.technicianEnRoute.name,
  journeyEvents.visitCompleted.name,
  journeyEvents.visitIncomplete.name,
];

registerRecordingJourney(listened);

app.http('testStartJourney', {
  route: 'test/journeys/{workOrderId}',
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: async (request, context) => {
    const workOrderId = request.params['workOrderId'] ?? '';
    return {
      jsonBody: { started: await startJourney(df.getClient(context), { workOrderId, correlationId: 'c' }) },
    };
  },
});

app.http('testJourneyEvents', {
  route: 'test/journeys/{workOrderId}',
  methods: ['GET'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: async (request, context) => {
    const status = await df.getClient(context).getStatus(request.params['workOrderId'] ?? '');
    return { jsonBody: status.customStatus ?? null };
  },
});
