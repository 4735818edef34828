import { appClock } from '../../shared/clock';
import type { Identity } from '../../shared/identity/principal';
import type { AccessAction } from '../../shared/privacy/accessLog';
import { privacyLog } from './dependencies';

/** Notes that a member of staff opened a person's data, before the data is handed over. */
export const recordAccess = (identity: Identity, action: AccessAction, subjectIds: readonly string[]) =>
  privacyLog().recordAccess({
    at: appClock().now().toISOString(),
    userId: identity.userId,
    roles: [...identity.roles],
    action,
    subjectIds: [...subjectIds],
  });
