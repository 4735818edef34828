import type { z } from 'zod';
import { ErasureRequest, ExportRequest } from '../../shared/privacy/privacyRequest';
import { ErasureParams } from '../privacy/schemas';
import { PlanRequest, PlanRunParams, RegionDayParams } from '../dispatch/schemas';
import { grants, type RoleGrant } from '../../shared/identity/access';
import { CaseUpdate } from '../../shared/cases/caseChanges';
import { NewCaseInput } from '../../shared/cases/caseRecord';
import { WorkOrderFromCase } from '../../shared/cases/caseService';
import { StatusUpdate } from '../../shared/fieldwork/statusUpdate';
import { KpiRange } from '../../shared/kpis/kpiRange';
import { agentEndpoints } from '../agent/endpoints';
import { consoleEndpoints } from '../console/endpoints';
import { boardEndpoints } from '../dispatch/boardEndpoints';
import { opsEndpoints } from '../ops/endpoints';
import { CaseListQuery, CaseParams } from '../cases/schemas';
import { CustomerParams } from '../customers/schemas';
import {
  PhotoUploadRequest,
  RaiseCase,
  ScheduleParams,
  ScheduleQuery,
  WorkOrderParams,
} from '../technicians/schemas';

/** One documented operation: the very schemas its function validates with. */
export interface Endpoint {
  readonly method: 'get' | 'post' | 'patch';
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  /** Exactly the grants the function enforces (the same constants). */
  readonly roles: readonly RoleGrant[];
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** How the body is sent: JSON by default; a staff page's own forms post form-encoded. */
  readonly bodyKind?: 'json' | 'form';
  /**
   * What a success answers with: JSON by default. A staff page (`text/html`) sends a visitor who is
   * not signed in to App Service Authentication's sign-in (302) instead of answering 401.
   */
  readonly produces?: 'application/json' | 'text/html' | 'text/csv';
  readonly success: number;
  /** Another success and what it means, e.g. a request sent again answered with what it did the first time. */
  readonly alsoSucceeds?: { readonly status: number; readonly description: string };
}

export const endpoints: readonly Endpoint[] = [
  {
    method: 'post',
    path: '/cases',
    operationId: 'casesCreate',
    summary: 'Open a case',
    roles: grants.caseWork,
    body: NewCaseInput,
    success: 201,
  },
  {
    method: 'get',
    path: '/cases',
    operationId: 'casesList',
    summary: 'List cases with their SLA clocks',
    roles: grants.caseWork,
    query: CaseListQuery,
    success: 200,
  },
  {
    method: 'get',
    path: '/cases/{caseId}',
    operationId: 'casesGet',
    summary: 'Read a case',
    roles: grants.caseWork,
    params: CaseParams,
    success: 200,
  },
  {
    method: 'patch',
    path: '/cases/{caseId}',
    operationId: 'casesUpdate',
    summary: 'Change, move or annotate a case',
    roles: grants.caseWork,
    params: CaseParams,
    body: CaseUpdate,
    success: 200,
  },
  {
    method: 'get',
    path: '/cases/{caseId}/timeline',
    operationId: 'casesTimeline',
    summary: 'A case’s timeline',
    roles: grants.caseWork,
    params: CaseParams,
    success: 200,
  },
  {
    method: 'post',
    path: '/cases/{caseId}/work-orders',
    operationId: 'casesCreateWorkOrder',
    summary: 'Send field service: a work order pre-filled from the case',
    roles: grants.sendFieldService,
    params: CaseParams,
    body: WorkOrderFromCase,
    success: 201,
  },
  {
    method: 'get',
    path: '/technicians/{technicianId}/schedule',
    operationId: 'technicianSchedule',
    summary: 'A technician’s visits on a day',
    roles: grants.technicianView,
    params: ScheduleParams,
    query: ScheduleQuery,
    success: 200,
  },
  {
    method: 'get',
    path: '/technician/work-orders/{workOrderId}',
    operationId: 'technicianWorkOrder',
    summary: 'A work order with its SLA clocks',
    roles: grants.technicianView,
    params: WorkOrderParams,
    success: 200,
  },
  {
    method: 'post',
    path: '/technician/work-orders/{workOrderId}/status',
    operationId: 'technicianStatusUpdate',
    summary:
      'Report en route, on site, completed or incomplete. 200 applied | alreadyApplied (a replay, or the status the visit has) | stale (the visit is past it); 409 for a cancelled work order; 400 for report photos that are not images uploaded for it',
    roles: grants.technicianWork,
    params: WorkOrderParams,
    body: StatusUpdate,
    success: 200,
  },
  {
    method: 'post',
    path: '/technician/work-orders/{workOrderId}/photo-uploads',
    operationId: 'technicianPhotoUpload',
    summary: 'A short-lived, create-only upload URL for one photo or signature (one Put Blob)',
    roles: grants.technicianWork,
    params: WorkOrderParams,
    body: PhotoUploadRequest,
    success: 201,
  },
  {
    method: 'post',
    path: '/technician/work-orders/{workOrderId}/cases',
    operationId: 'technicianRaiseCase',
    summary: 'Raise a case about an issue found on site (the technician assigned to the work order)',
    roles: grants.technicianWork,
    params: WorkOrderParams,
    body: RaiseCase,
    success: 201,
    alsoSucceeds: { status: 200, description: 'The same requestId again: the case it opened the first time' },
  },
  {
    method: 'get',
    path: '/tech/work-orders/{workOrderId}/customer-additions',
    operationId: 'technicianCustomerAdditions',
    summary:
      'What the customer added on their self-service page: details typed, uploads behind 15-minute read links',
    roles: grants.technicianView,
    params: WorkOrderParams,
    success: 200,
  },
  {
    method: 'get',
    path: '/kpis',
    operationId: 'kpis',
    summary: 'KPIs over a range of Brussels days (at most 366), from the per-day counters',
    roles: grants.caseWork,
    query: KpiRange,
    success: 200,
  },
  {
    method: 'get',
    path: '/customers/{customerId}/360',
    operationId: 'customer360',
    summary: 'One person across work orders (by phone): work orders, cases, assets, history, messages',
    roles: grants.caseWork,
    params: CustomerParams,
    success: 200,
  },
  {
    method: 'post',
    path: '/privacy/exports',
    operationId: 'privacyExport',
    summary:
      'Export everything held about a person (JSON behind a 15-minute link); recorded in the access log',
    roles: grants.personalDataExport,
    body: ExportRequest,
    success: 201,
  },
  {
    method: 'post',
    path: '/privacy/erasures',
    operationId: 'privacyErasureRequest',
    summary: 'Start (or join) the erasure of a person across every store; 202 with its status URL',
    roles: grants.personalDataErasure,
    body: ErasureRequest,
    success: 202,
  },
  {
    method: 'get',
    path: '/privacy/erasures/{erasureId}',
    operationId: 'privacyErasureStatus',
    summary: 'An erasure’s runtime status and, once done, its record (ids and counts)',
    roles: grants.personalDataErasure,
    params: ErasureParams,
    success: 200,
  },
  ...consoleEndpoints,
  ...boardEndpoints,
  {
    method: 'post',
    path: '/dispatch/plans',
    operationId: 'dispatchPlanRequest',
    summary: 'Plan a day’s routes now (one region, or every region); 202 with the run’s status URL',
    roles: grants.dispatchPlanning,
    body: PlanRequest,
    success: 202,
  },
  {
    method: 'get',
    path: '/dispatch/runs/{instanceId}',
    operationId: 'dispatchRunStatus',
    summary: 'A planning run’s runtime status and, once done, per region-day counts',
    roles: grants.dispatchPlanning,
    params: PlanRunParams,
    success: 200,
  },
  {
    method: 'get',
    path: '/dispatch/plans/{region}/{date}',
    operationId: 'dispatchStoredPlan',
    summary:
      'The stored plan of a region-day: visits, routes with planned arrivals, unplaced visits with reasons',
    roles: grants.dispatchPlanning,
    params: RegionDayParams,
    success: 200,
  },
  ...agentEndpoints,
  ...opsEndpoints,
];
