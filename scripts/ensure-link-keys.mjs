// azd preprovision hook: make sure the environment has link-signing keys before Bicep needs them.
// Generated once and kept in the azd environment, so re-provisioning never invalidates sent links.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

function current() {
  try {
    return execFileSync('azd', ['env', 'get-value', 'LINK_SIGNING_KEYS'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

if (!current().startsWith('[')) {
  const keys = JSON.stringify([
    { kid: `k${Date.now().toString(36)}`, secret: randomBytes(32).toString('base64') },
  ]);
  execFileSync('azd', ['env', 'set', 'LINK_SIGNING_KEYS', keys], { stdio: 'inherit' });
  console.log('Generated LINK_SIGNING_KEYS for this azd environment.');
}
