import { cosmosCaseRepository } from '../../shared/adapters/cosmos/caseStore';
import { cosmosSequence } from '../../shared/adapters/cosmos/counterStore';
import { cosmosIntakeStore } from '../../shared/adapters/cosmos/intakeStore';
import { createItem } from '../../shared/adapters/cosmos/items';
import type { CaseServicePorts } from '../../shared/cases/caseService';
import { CloseOutPolicy } from '../../shared/cases/closeOutPolicy';
import { appClock } from '../../shared/clock';
import { kpiRecorder } from '../kpis/recorders';
import { slaPolicies } from '../sla/policies';
import { deadlineUpkeep } from '../sla/deadlines';
import { withCaseDeadlines } from '../../shared/sla/deadlineUpkeep';
import { cosmos } from '../platform';
import { cosmosCaseRequests } from '../../shared/adapters/cosmos/caseRequests';

type Env = Readonly<Record<string, string | undefined>>;

/** `CaseClosureCascade` (shared with the config module, default on) and the close-out policy. */
export const caseSettingNames = { cascade: 'CaseClosureCascade', policy: 'CaseCloseOutPolicy' } as const;

function syncSettingsFrom(env: Env): CaseServicePorts['sync'] {
  const cascadeRaw = (env[caseSettingNames.cascade] ?? 'true').trim().toLowerCase();
  if (cascadeRaw !== 'true' && cascadeRaw !== 'false') {
    throw new Error(`${caseSettingNames.cascade}: must be true or false`);
  }
  const policy = CloseOutPolicy.safeParse(env[caseSettingNames.policy]?.trim() || 'allWorkOrders');
  if (!policy.success) throw new Error(`${caseSettingNames.policy}: must be allWorkOrders or anyWorkOrder`);
  return { cascade: cascadeRaw === 'true', policy: policy.data };
}

/** Built per call from the process-wide clients: cheap, and settings changes in tests are seen. */
export function casePorts(env: Env = process.env): CaseServicePorts {
  const store = cosmos(env);
  const intake = cosmosIntakeStore(store);
  const timeline = store.container('timeline');
  return {
    cases: withCaseDeadlines(cosmosCaseRepository(store), deadlineUpkeep(env)),
    sequence: cosmosSequence(store, 'caseNumber'),
    workOrders: intake,
    addTimelineEvent: async (event) => {
      await createItem(timeline, event);
    },
    sync: syncSettingsFrom(env),
    slas: slaPolicies(env),
    now: () => appClock().now(),
    recordKpiFacts: kpiRecorder(store),
    requests: cosmosCaseRequests(store),
  };
}
