import { app } from '@azure/functions';
import { closeSharedClients } from './platform';
import './securityHeaders';

/*
 * Kept apart from platform.ts so that importing the shared clients (tests, tools) does not load
 * @azure/functions before a host is there to run it. Each area's index imports this module; it
 * registers the hook once per process.
 */
app.hook.appTerminate(closeSharedClients);
