import type { FunctionsLocalConfig } from '@fieldline/functions-local';
import { connectionSettings } from '../shared/config/settingNames';
import { resources } from '../shared/resources';
import { devSettings, smsReplyTarget } from './devSettings';
import { seed } from './seed';
import { demoAuth } from './users';

/**
 * What `npm start` tells the local runtime about Fieldline: the resources of `infra/resources.json`
 * to create, the setting names the app reads its connections from, dev defaults, who can sign in,
 * and the demo data.
 */
export const config: FunctionsLocalConfig = {
  resources,
  connectionSettings,
  defaultSettings: devSettings,
  smsReplies: smsReplyTarget,
  auth: {
    roles: [...demoAuth.roles],
    demoUsers: demoAuth.demoUsers.map((user) => ({ ...user, roles: [...user.roles] })),
  },
  seed,
};
