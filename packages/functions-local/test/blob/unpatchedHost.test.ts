import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * In Azure the Functions host leaves the app's modules as they are: loading the local runtime
 * (which brings Azurite for the embedded blob part) must not patch console or the Azure SDK with
 * Application Insights' dependency collection, nor leave its opt-out in the app's environment.
 */
describe('the embedded blob part', () => {
  it('loads without Application Insights patching the host process', () => {
    const probe = `
      const { startEmbeddedBlob } = require(${JSON.stringify(join(__dirname, '../../src'))});
      startEmbeddedBlob().then(async (blob) => {
        const loaded = Object.keys(require.cache);
        const patching = loaded.filter((file) => /diagnostic-channel-publishers|require-in-the-middle/.test(file));
        await blob.stop();
        console.log(JSON.stringify({
          azurite: loaded.some((file) => file.includes('azurite')),
          patching: patching.length,
          optOutLeft: process.env.APPLICATION_INSIGHTS_NO_DIAGNOSTIC_CHANNEL ?? null,
        }));
      });
    `;
    const env = { ...process.env };
    delete env['APPLICATION_INSIGHTS_NO_DIAGNOSTIC_CHANNEL'];
    const output = execFileSync(process.execPath, ['--import', 'tsx', '-e', probe], {
      env,
      encoding: 'utf8',
    });
    expect(JSON.parse(output.trim().split('\n').at(-1) ?? '{}')).toEqual({
      azurite: true,
      patching: 0,
      optOutLeft: null,
    });
    // A fresh process loads the whole package: a safety net for a busy machine, not a speed test.
  }, 60_000);
});
