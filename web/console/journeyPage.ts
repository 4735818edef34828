import type { Identity } from '../../shared/identity/principal';
import type { JourneyStatus } from '../../shared/journey/journeyStatus';
import type { WorkOrder } from '../../shared/workorders/workOrder';
import { html, type SafeHtml } from '../html';
import { csrfField, staffLayout } from '../staff/staffLayout';
import { consoleAssets } from './assets';
import {
  deliveryBadge,
  formatInstant,
  nextActionLabels,
  purposeLabels,
  stageBadge,
  stageLabels,
} from './format';
import { actionLabels, actionQuestions, actionsFor, type JourneyAction } from './journeyActions';
import { isOverdue, type TimelineEntry } from './journeyTimeline';
import { livePanel, refreshLink } from './livePanel';

/** What the journey page shows; `journey` is absent when Durable has no instance for the work order. */
export interface JourneyPageData {
  readonly workOrderId: string;
  readonly workOrder?: WorkOrder | undefined;
  readonly journey?:
    | {
        readonly runtimeStatus: string;
        readonly live: boolean;
        readonly status?: JourneyStatus | undefined;
        readonly createdAt: string;
        readonly lastUpdatedAt: string;
      }
    | undefined;
  readonly timeline: readonly TimelineEntry[];
  /** Technicians of the work order's region, offered when reassigning. */
  readonly technicians: readonly { readonly id: string; readonly displayName: string }[];
  readonly canAct: boolean;
  readonly now: Date;
  /** The outcome of the action just taken (post/redirect/get), shown once. */
  readonly notice?: string | undefined;
}

export const journeyPath = (workOrderId: string): string =>
  `/api/console/journeys/${encodeURIComponent(workOrderId)}`;

const actorText = (actor: { readonly kind: string; readonly id?: string | undefined }): string =>
  actor.id === undefined ? actor.kind : `${actor.kind} ${actor.id}`;

function entryRow(entry: TimelineEntry): SafeHtml {
  const when = html`<time datetime="${entry.at}">${formatInstant(entry.at)}</time>`;
  switch (entry.kind) {
    case 'message': {
      const n = entry.notification;
      return html`<li class="entry message">
        ${when}
        <span class="what"
          ><strong>${purposeLabels[n.purpose]} sent</strong> by ${n.channel === 'sms' ? 'SMS' : 'email'}
          (${n.language})</span
        >
        <span class="badge ${deliveryBadge[n.status]}">${n.status}</span>
        ${n.failureReason === undefined ? '' : html`<span class="detail">${n.failureReason}</span>`}
        ${
          n.updatedAt === n.createdAt
            ? ''
            : html`<span class="detail">status at ${formatInstant(n.updatedAt)}</span>`
        }
      </li>`;
    }
    case 'answer':
      return html`<li class="entry answer">
        ${when}
        <span class="what"><strong>Customer answered:</strong> ${entry.event.summary}</span>
        <span class="detail">${entry.event.type}</span>
      </li>`;
    case 'staff':
      return html`<li class="entry staff">
        ${when}
        <span class="what">${entry.event.summary}</span>
        <span class="detail">by ${actorText(entry.event.actor)}</span>
      </li>`;
    case 'step':
      return html`<li class="entry step">
        ${when}
        <span class="what">${entry.event.summary}</span>
        <span class="detail">${entry.event.type} · ${actorText(entry.event.actor)}</span>
      </li>`;
    default: {
      const unknown: never = entry;
      throw new Error(`unknown timeline entry ${JSON.stringify(unknown)}`);
    }
  }
}

function nextStep(status: JourneyStatus | undefined, now: Date): SafeHtml {
  if (status?.next === undefined)
    return html`<p class="next">
      Nothing is planned: the journey waits for the customer, staff or the field.
    </p>`;
  const overdue = isOverdue(status, now);
  return html`<p class="next">
    <strong>Next:</strong> ${nextActionLabels[status.next.action]}, due
    <time datetime="${status.next.at}">${formatInstant(status.next.at)}</time>
    ${overdue ? html`<span class="badge breach">overdue</span>` : ''}
  </p>`;
}

/** The timeline and next step: the part of the page that refreshes itself (see `livePanel`). */
export function journeyTimelinePanel(data: JourneyPageData): SafeHtml {
  return html`${nextStep(data.journey?.status, data.now)}
  ${
    data.timeline.length === 0
      ? html`<p>No steps recorded yet.</p>`
      : html`<ol class="timeline" aria-label="Steps, newest first">
          ${data.timeline.map(entryRow)}
        </ol>`
  }`;
}

/** What the person had filled in before the confirmation step. */
export interface ActionChoice {
  readonly technicianId?: string | undefined;
  readonly reason?: string | undefined;
}

function actionFields(action: JourneyAction, data: JourneyPageData, chosen: ActionChoice): SafeHtml {
  switch (action) {
    case 'reassign':
      return html`<label for="technicianId">Technician</label>
        <select id="technicianId" name="technicianId" required>
          ${data.technicians
            .filter((technician) => technician.id !== data.journey?.status?.appointment?.technicianId)
            .map(
              (technician) =>
                html`<option
                  value="${technician.id}"
                  ${technician.id === chosen.technicianId ? html`selected` : ''}
                >
                  ${technician.displayName} (${technician.id})
                </option>`,
            )}
        </select>`;
    case 'cancel':
      return html`<label for="reason">Reason (for the utility, optional)</label>
        <input id="reason" name="reason" maxlength="500" value="${chosen.reason ?? ''}" />`;
    case 'resume':
    case 'resend':
      return html``;
    default: {
      const unknown: never = action;
      throw new Error(`no fields for ${String(unknown)}`);
    }
  }
}

/**
 * An action's form. Without JavaScript the post comes back as a confirmation page; with it, the
 * browser asks first (`data-confirm`) and the script marks the form confirmed.
 */
export function actionForm(
  action: JourneyAction,
  data: JourneyPageData,
  csrfToken: string,
  options: { readonly confirmed?: boolean; readonly chosen?: ActionChoice } = {},
): SafeHtml {
  const confirmed = options.confirmed ?? false;
  return html`<form
    method="post"
    action="${journeyPath(data.workOrderId)}/${action}"
    class="action"
    ${confirmed ? '' : html`data-confirm="${actionQuestions[action]}"`}
  >
    ${csrfField(csrfToken)} ${confirmed ? html`<input type="hidden" name="confirmed" value="yes" />` : ''}
    ${actionFields(action, data, options.chosen ?? {})}
    <button type="submit" class="${action === 'cancel' ? 'danger' : ''}">${actionLabels[action]}</button>
  </form>`;
}

function actionsSection(data: JourneyPageData, csrfToken: string): SafeHtml {
  const stage = data.journey?.status?.stage;
  const actions = stage === undefined ? [] : actionsFor(stage, data.journey?.live ?? false);
  return html`<section aria-labelledby="actions-title">
    <h2 id="actions-title">Actions</h2>
    ${
      !data.canAct
        ? html`<p>
            You can follow this journey; resuming, resending, reassigning and cancelling are for ops.
          </p>`
        : actions.length === 0
          ? html`<p>This journey has ended: nothing is left to act on.</p>`
          : html`<div class="actions">${actions.map((action) => actionForm(action, data, csrfToken))}</div>`
    }
  </section>`;
}

/** Stage, work order and custom status: refreshed with the timeline. */
export function journeySummary(data: JourneyPageData): SafeHtml {
  const workOrder = data.workOrder;
  const status = data.journey?.status;
  return html`<dl class="facts">
      <dt>Stage</dt>
      <dd>
        ${
          status === undefined
            ? 'unknown'
            : html`<span class="badge ${stageBadge(status.stage)}">${stageLabels[status.stage]}</span>`
        }
        (${data.journey?.runtimeStatus ?? 'no journey'})
      </dd>
      ${
        workOrder === undefined
          ? ''
          : html`<dt>Utility</dt>
              <dd>${workOrder.utilityCode} · external id ${workOrder.externalId}</dd>
              <dt>Work</dt>
              <dd>${workOrder.workType} · ${workOrder.priority} · due ${workOrder.dueDate}</dd>
              <dt>Region</dt>
              <dd>${workOrder.site.region}</dd>
              <dt>Work order status</dt>
              <dd>${workOrder.state.status}</dd>
              <dt>Contact attempts</dt>
              <dd>${workOrder.contactAttempts}</dd>`
      }
      ${
        status?.appointment === undefined
          ? ''
          : html`<dt>Appointment</dt>
              <dd>
                ${formatInstant(status.appointment.windowStart)} –
                ${formatInstant(status.appointment.windowEnd)} with ${status.appointment.technicianId}
              </dd>`
      }
      ${
        data.journey === undefined
          ? ''
          : html`<dt>Journey started</dt>
              <dd>${formatInstant(data.journey.createdAt)}</dd>`
      }
    </dl>
    ${
      status === undefined
        ? ''
        : html`<details>
            <summary>Custom status (as Durable Functions holds it)</summary>
            <pre>${JSON.stringify(status, null, 2)}</pre>
          </details>`
    }`;
}

export function journeyPage(
  page: { readonly identity: Identity; readonly csrfToken: string },
  data: JourneyPageData,
): string {
  const path = journeyPath(data.workOrderId);
  return staffLayout(
    {
      title: `Journey ${data.workOrderId}`,
      area: 'journeys',
      identity: page.identity,
      csrfToken: page.csrfToken,
      assets: consoleAssets,
    },
    html`<p><a href="/api/console/journeys">← All journeys</a></p>
      <h1>Journey ${data.workOrderId}</h1>
      ${data.notice === undefined ? '' : html`<p class="notice" role="status">${data.notice}</p>`}
      <div class="journey-grid">
        <div>
          <section aria-labelledby="summary-title">
            <h2 id="summary-title">Summary</h2>
            ${livePanel(`${path}/live`, 'summary', journeySummary(data))}
          </section>
          ${actionsSection(data, page.csrfToken)}
        </div>
        <section aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          ${livePanel(`${path}/live`, 'timeline', journeyTimelinePanel(data))} ${refreshLink(path)}
        </section>
      </div>`,
  );
}
