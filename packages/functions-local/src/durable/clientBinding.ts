/** Placeholder the host puts where an instance id goes in management URLs (BindingHelper.cs). */
export const instanceIdPlaceholder = 'INSTANCEID';

export interface ClientBindingInput {
  readonly taskHubName: string;
  readonly connectionName: string;
  /** e.g. http://127.0.0.1:17071/durabletask/ — what the client library actually calls. */
  readonly rpcBaseUrl: string;
  /** e.g. http://127.0.0.1:7071/runtime/webhooks/durabletask — what status URLs point at. */
  readonly webhookBaseUrl: string;
  /** The host appends the extension's system key to the webhook URLs it hands out (HttpApiHandler.GetClientResponseLinks). */
  readonly systemKey?: string;
}

/**
 * The durableClient input binding's data, shaped as the extension serialises it
 * (OrchestrationClientInputData) so `df.getClient(context)` accepts it unchanged.
 */
export interface ClientBindingData {
  readonly taskHubName: string;
  readonly creationUrls: Readonly<Record<string, string>>;
  readonly managementUrls: Readonly<Record<string, string>>;
  readonly baseUrl: string;
  readonly requiredQueryStringParameters: string;
  readonly rpcBaseUrl: string;
}

export function clientBindingData(input: ClientBindingInput): ClientBindingData {
  const query =
    `taskHub=${encodeURIComponent(input.taskHubName)}&connection=${encodeURIComponent(input.connectionName)}` +
    (input.systemKey === undefined ? '' : `&code=${encodeURIComponent(input.systemKey)}`);
  const instances = `${input.webhookBaseUrl}/instances/`;
  const instance = `${instances}${instanceIdPlaceholder}`;
  return {
    taskHubName: input.taskHubName,
    creationUrls: {
      createNewInstancePostUri: `${input.webhookBaseUrl}/orchestrators/{functionName}[/{instanceId}]?${query}`,
      createAndWaitOnNewInstancePostUri:
        `${input.webhookBaseUrl}/orchestrators/{functionName}[/{instanceId}]` +
        `?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${query}`,
    },
    managementUrls: {
      id: instanceIdPlaceholder,
      statusQueryGetUri: `${instance}?${query}`,
      sendEventPostUri: `${instance}/raiseEvent/{eventName}?${query}`,
      terminatePostUri: `${instance}/terminate?reason={text}&${query}`,
      rewindPostUri: `${instance}/rewind?reason={text}&${query}`,
      purgeHistoryDeleteUri: `${instance}?${query}`,
      restartPostUri: `${instance}/restart?${query}`,
      suspendPostUri: `${instance}/suspend?reason={text}&${query}`,
      resumePostUri: `${instance}/resume?reason={text}&${query}`,
    },
    baseUrl: input.webhookBaseUrl,
    requiredQueryStringParameters: query,
    rpcBaseUrl: input.rpcBaseUrl,
  };
}

/** The management URLs for one instance (HttpManagementPayload), as the start API answers them. */
export interface ManagementPayload {
  readonly id: string;
  readonly statusQueryGetUri: string;
  readonly [operationUri: string]: string;
}

export function managementPayload(binding: ClientBindingData, instanceId: string): ManagementPayload {
  const payload: Record<string, string> = {};
  for (const [key, template] of Object.entries(binding.managementUrls)) {
    payload[key] = template.split(instanceIdPlaceholder).join(encodeURIComponent(instanceId));
  }
  return { ...payload, id: instanceId, statusQueryGetUri: payload['statusQueryGetUri'] ?? '' };
}
