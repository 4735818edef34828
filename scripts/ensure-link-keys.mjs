// azd preprovision hook: make sure the environment has the app's secrets before Bicep needs them:
// the link-signing keys and the secret Event Grid puts in the SMS-received webhook URL. Generated
// once and kept in the azd environment, so re-provisioning never invalidates sent links.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

function current(name) {
  try {
    return execFileSync('azd', ['env', 'get-value', name], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

if (!current('LINK_SIGNING_KEYS').startsWith('[')) {
  const keys = JSON.stringify([
    { kid: `k${Date.now().toString(36)}`, secret: randomBytes(32).toString('base64') },
  ]);
  execFileSync('azd', ['env', 'set', 'LINK_SIGNING_KEYS', keys], { stdio: 'inherit' });
  console.log('Generated LINK_SIGNING_KEYS for this azd environment.');
}

// The contact index's HMAC key: generated once, never rotated casually (every index id depends
// on it; a new key needs the migration in shared/adapters/cosmos/contactIndexMigration.ts).
if (current('CONTACT_INDEX_KEY').length < 32) {
  execFileSync('azd', ['env', 'set', 'CONTACT_INDEX_KEY', randomBytes(32).toString('base64url')], {
    stdio: 'inherit',
  });
  console.log('Generated CONTACT_INDEX_KEY for this azd environment.');
}
if (current('SMS_EVENTS_WEBHOOK_SECRET').length < 32) {
  execFileSync('azd', ['env', 'set', 'SMS_EVENTS_WEBHOOK_SECRET', randomBytes(32).toString('base64url')], {
    stdio: 'inherit',
  });
  console.log('Generated SMS_EVENTS_WEBHOOK_SECRET for this azd environment.');
}
