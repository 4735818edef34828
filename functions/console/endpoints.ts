import { grants } from '../../shared/identity/access';
import { KpiRange } from '../../shared/kpis/kpiRange';
import { ActionForm, JourneyAction, actionLabels } from '../../web/console/journeyActions';
import type { Endpoint } from '../openapi/endpoints';
import {
  ConfirmQuery,
  ConsoleJourneysQuery,
  ConsoleSearchForm,
  JourneyParams,
  KpiPageQuery,
} from './schemas';

/** The operations console's pages and the small JSON and CSV routes behind them. */
export const consoleEndpoints: readonly Endpoint[] = [
  {
    method: 'get',
    path: '/console/journeys',
    operationId: 'consoleJourneys',
    summary:
      'The journeys list: counts per stage, filters (stage, region, utility, Brussels days), a search (phone, email, work-order or external id) posted to …/search and shown with search=<id>, a page of rows with a next-page link (continuation token)',
    roles: grants.journeyView,
    query: ConsoleJourneysQuery,
    produces: 'text/html',
    success: 200,
  },
  {
    method: 'post',
    path: '/console/journeys/search',
    operationId: 'consoleJourneysSearch',
    summary:
      'The list’s search form (CSRF-checked): 303 to the list with the filters and search=<id>, the term kept under that id in an HttpOnly session cookie so no phone or email is ever in a URL',
    roles: grants.journeyView,
    body: ConsoleSearchForm,
    bodyKind: 'form',
    produces: 'text/html',
    success: 303,
  },
  {
    method: 'get',
    path: '/console/journeys/live',
    operationId: 'consoleJourneysLive',
    summary: 'The list’s counts and rows as HTML fragments in JSON, for the page to poll (same query)',
    roles: grants.journeyView,
    query: ConsoleJourneysQuery,
    success: 200,
  },
  {
    method: 'get',
    path: '/console/journeys/{workOrderId}',
    operationId: 'consoleJourney',
    summary:
      'A journey’s page: its timeline (messages with delivery status, answers, staff actions), next step, custom status and actions',
    roles: grants.journeyView,
    params: JourneyParams,
    produces: 'text/html',
    success: 200,
  },
  {
    method: 'get',
    path: '/console/journeys/{workOrderId}/live',
    operationId: 'consoleJourneyLive',
    summary: 'The journey page’s summary and timeline as HTML fragments in JSON, which the page polls',
    roles: grants.journeyView,
    params: JourneyParams,
    success: 200,
  },
  ...JourneyAction.options.flatMap((action): Endpoint[] => {
    const name = `consoleJourney${action[0]?.toUpperCase() ?? ''}${action.slice(1)}`;
    const path = `/console/journeys/{workOrderId}/${action}`;
    return [
      {
        method: 'get',
        path,
        operationId: `${name}Confirm`,
        summary: `${actionLabels[action]}: the confirmation page (409 when the journey’s stage does not allow it)`,
        roles: grants.journeyActions,
        params: JourneyParams,
        query: ConfirmQuery,
        produces: 'text/html',
        success: 200,
      },
      {
        method: 'post',
        path,
        operationId: name,
        summary: `${actionLabels[action]}: raised on the journey and recorded with the user id when \`confirmed=yes\` (303 to the journey); otherwise 303 to the confirmation page`,
        roles: grants.journeyActions,
        params: JourneyParams,
        body: ActionForm,
        bodyKind: 'form',
        produces: 'text/html',
        success: 303,
      },
    ];
  }),
  {
    method: 'get',
    path: '/console/kpis',
    operationId: 'consoleKpis',
    summary: 'The KPIs dashboard over a range of Brussels days: a headline and an SVG chart per KPI',
    roles: grants.kpiDashboard,
    query: KpiPageQuery,
    produces: 'text/html',
    success: 200,
  },
  {
    method: 'get',
    path: '/console/kpis/export',
    operationId: 'consoleKpisExport',
    summary: 'The KPIs as CSV (RFC 4180): a row per day, then the whole range',
    roles: grants.kpiDashboard,
    query: KpiRange,
    produces: 'text/csv',
    success: 200,
  },
];
