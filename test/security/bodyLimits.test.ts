import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maxDeliveryBytes } from '../../functions/eventGridWebhook';
import { maxFormBytes } from '../../functions/selfService/actions';
import { hostMaxRequestBodyBytes } from '../../functions/boundedBody';
import { maxUploadJsonBytes } from '../../functions/selfService/uploads';
import { maxUploadRequestBytes } from '../../shared/booking/uploadRules';
import { devSettings } from '../../local-dev/devSettings';

const apiBicep = readFileSync(join(__dirname, '../../infra/app/api.bicep'), 'utf8');

describe('request body caps', () => {
  it('are the same for the host in Azure and on the local runtime', () => {
    const azure = /FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: '(\d+)'/.exec(apiBicep)?.[1];
    expect(Number(azure)).toBe(hostMaxRequestBodyBytes);
    expect(devSettings['FUNCTIONS_REQUEST_BODY_SIZE_LIMIT']).toBe(String(hostMaxRequestBodyBytes));
  });

  it('are lower per route than for the host, so each route answers its own 413', () => {
    for (const cap of [maxFormBytes, maxUploadJsonBytes, maxDeliveryBytes, maxUploadRequestBytes])
      expect(cap).toBeLessThan(hostMaxRequestBodyBytes);
    expect(hostMaxRequestBodyBytes).toBeLessThan(104_857_600);
  });
});
