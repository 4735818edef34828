import type { SlaView } from '../../shared/sla/slaClock';
import { html, type SafeHtml } from '../html';
import { shownMinutes, shownTime } from './format';

export type SlaAttention = 'breached' | 'warning' | 'none';

/** What an agent must act on: a missed target, or one past the policy's warning threshold. */
export function attentionOf(view: SlaView): SlaAttention {
  switch (view.state) {
    case 'failed':
      return 'breached';
    case 'warning':
      return 'warning';
    case 'notStarted':
    case 'running':
    case 'paused':
    case 'met':
    case 'cancelled':
      return 'none';
    default: {
      const unknown: never = view.state;
      throw new Error(`unknown SLA state ${String(unknown)}`);
    }
  }
}

/** The worse of a case's two clocks, for the queue's badge filter. */
export const worstAttention = (views: readonly SlaView[]): SlaAttention => {
  const levels = views.map(attentionOf);
  return levels.includes('breached') ? 'breached' : levels.includes('warning') ? 'warning' : 'none';
};

const left = (view: SlaView): number => (view.targetMinutes ?? 0) - view.elapsedMinutes;

const threshold = (view: SlaView, warningFraction: number): string =>
  view.targetMinutes === undefined
    ? ''
    : `Target ${shownMinutes(view.targetMinutes)} of desk time; warns at ${Math.round(warningFraction * 100)} %`;

const due = (at: string | undefined): SafeHtml | string =>
  at === undefined ? '' : html`<span class="due">due <time datetime="${at}">${shownTime(at)}</time></span>`;

/**
 * One SLA clock as the queue and the case page show it: a badge for warning and breach, the time
 * left on the desk's business calendar (what the clock counts), and when that runs out if nothing
 * pauses it. The policy's threshold is in the title, so the badge can be explained.
 */
export function slaCell(view: SlaView, warningFraction: number): SafeHtml {
  const title = threshold(view, warningFraction);
  switch (view.state) {
    case 'notStarted':
    case 'cancelled':
      return html`<span class="sla-none">—</span>`;
    case 'met':
      return html`<span class="badge ok">Met</span>`;
    case 'paused':
      return html`<span class="sla" title="${title}"
        ><span class="badge">Paused</span> ${shownMinutes(left(view))} left</span
      >`;
    case 'running':
      return html`<span class="sla" title="${title}"
        >${shownMinutes(left(view))} left${due(view.failedAt)}</span
      >`;
    case 'warning':
      return html`<span class="sla" title="${title}"
        ><span class="badge warn">Warning</span> ${shownMinutes(left(view))} left${due(view.failedAt)}</span
      >`;
    case 'failed':
      return html`<span class="sla" title="${title}"
        ><span class="badge breach">Breached</span> ${shownMinutes(-left(view))} over</span
      >`;
    default: {
      const unknown: never = view.state;
      throw new Error(`unknown SLA state ${String(unknown)}`);
    }
  }
}
