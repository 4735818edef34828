import type { Identity } from '../../shared/identity/principal';
import { html } from '../html';
import { staffLayout } from '../staff/staffLayout';

/** A journey address that leads nowhere: said plainly, with the way back to the list. */
export const journeyNotFoundPage = (identity: Identity, workOrderId: string): string =>
  staffLayout(
    { title: 'No such journey', area: 'journeys', identity },
    html`<h1>No journey for ${workOrderId}</h1>
      <p>
        There is no work order or journey with this id.
        <a href="/api/console/journeys">Find it in the list</a>.
      </p>`,
  );
