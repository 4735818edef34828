import type { Identity } from '../../shared/identity/principal';
import { html } from '../html';
import { staffLayout } from '../staff/staffLayout';
import { consoleAssets } from './assets';
import { actionLabels, actionQuestions, type JourneyAction } from './journeyActions';
import { actionForm, journeyPath, type ActionChoice, type JourneyPageData } from './journeyPage';

/**
 * The confirmation step of an action, for a browser without JavaScript (or a post that did not
 * say it was confirmed): the same form with `confirmed`, and a way back that changes nothing.
 */
export function confirmPage(
  page: { readonly identity: Identity; readonly csrfToken: string },
  action: JourneyAction,
  data: JourneyPageData,
  chosen: ActionChoice = {},
): string {
  return staffLayout(
    {
      title: `${actionLabels[action]}?`,
      area: 'journeys',
      identity: page.identity,
      csrfToken: page.csrfToken,
      assets: consoleAssets,
    },
    html`<h1>${actionLabels[action]}?</h1>
      <section aria-labelledby="confirm-title">
        <h2 id="confirm-title">Journey ${data.workOrderId}</h2>
        <p>${actionQuestions[action]}</p>
        ${actionForm(action, data, page.csrfToken, { confirmed: true, chosen })}
        <p><a href="${journeyPath(data.workOrderId)}">No, go back to the journey</a></p>
      </section>`,
  );
}

/** The journey was there but the action could not be taken; nothing changed. */
export function actionRefusedPage(
  page: { readonly identity: Identity; readonly csrfToken: string },
  workOrderId: string,
  reason: string,
): string {
  return staffLayout(
    { title: 'Not done', area: 'journeys', identity: page.identity, csrfToken: page.csrfToken },
    html`<h1>That action was not carried out</h1>
      <p class="notice error" role="alert">${reason}</p>
      <p><a href="${journeyPath(workOrderId)}">Back to the journey</a></p>`,
  );
}
