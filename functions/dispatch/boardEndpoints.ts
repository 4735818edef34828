import { grants } from '../../shared/identity/access';
import type { Endpoint } from '../openapi/endpoints';
import { BoardDayForm, BoardLiveQuery, BoardMoveForm, BoardQuery, BoardVisitForm } from './schemas';

/** The dispatch board's page and its forms (post/redirect/get: 303 back to the board). */
export const boardEndpoints: readonly Endpoint[] = [
  {
    method: 'get',
    path: '/console/dispatch',
    operationId: 'consoleDispatch',
    summary:
      'The dispatch board of a region-day: technicians as rows on a time axis with travel, unassigned visits with their reason, an SVG map, and the status of a planning run',
    roles: grants.dispatchPlanning,
    query: BoardQuery,
    produces: 'text/html',
    success: 200,
  },
  {
    method: 'get',
    path: '/console/dispatch/live',
    operationId: 'consoleDispatchLive',
    summary:
      'The board’s live panels (summary, routes, unassigned, map) as HTML fragments in JSON with an announcement, for the page to poll; ETag from the stored plan, If-None-Match answers 304 when the day is unchanged',
    roles: grants.dispatchPlanning,
    query: BoardLiveQuery,
    success: 200,
  },
  {
    method: 'get',
    path: '/console/dispatch/maps-token',
    operationId: 'consoleDispatchMapsToken',
    summary:
      'A short-lived Entra token for Azure Maps (the app identity, Azure Maps Data Reader) for the board’s map tiles; 404 where no account is configured',
    roles: grants.dispatchPlanning,
    success: 200,
  },
  {
    method: 'post',
    path: '/console/dispatch/move',
    operationId: 'consoleDispatchMove',
    summary:
      'Move a visit to another technician, checked by the optimiser’s insertion restricted to that technician; pinned there and the booking follows (303). Infeasible: 409, nothing changes',
    roles: grants.dispatchPlanning,
    body: BoardMoveForm,
    bodyKind: 'form',
    produces: 'text/html',
    success: 303,
  },
  ...(['pin', 'unpin'] as const).map((action): Endpoint => ({
    method: 'post',
    path: `/console/dispatch/${action}`,
    operationId: action === 'pin' ? 'consoleDispatchPin' : 'consoleDispatchUnpin',
    summary:
      action === 'pin'
        ? 'Pin a routed visit to its technician and place, which re-planning keeps (303)'
        : 'Take the board’s pin off a visit (303)',
    roles: grants.dispatchPlanning,
    body: BoardVisitForm,
    bodyKind: 'form',
    produces: 'text/html',
    success: 303,
  })),
  {
    method: 'post',
    path: '/console/dispatch/replan',
    operationId: 'consoleDispatchReplan',
    summary: 'Start the on-demand planning run for the region-day; 303 to the board showing its status',
    roles: grants.dispatchPlanning,
    body: BoardDayForm,
    bodyKind: 'form',
    produces: 'text/html',
    success: 303,
  },
];
