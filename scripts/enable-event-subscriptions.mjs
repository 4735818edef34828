// azd postdeploy hook. Event Grid sends a validation handshake to a webhook when its subscription
// is created (https://learn.microsoft.com/azure/event-grid/webhook-event-delivery) and fails the
// deployment if nothing answers, so the subscriptions on the Communication Services topic cannot be
// created by the first `azd provision`, which runs before any code is deployed. After the first
// successful deploy this turns them on and provisions once more; later runs keep them (the flag
// stays in the azd environment), and a re-provision does not repeat the handshake.
import { execFileSync } from 'node:child_process';

const flag = 'EVENT_GRID_SUBSCRIPTIONS_ENABLED';

function current(name) {
  try {
    return execFileSync('azd', ['env', 'get-value', name], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

if (current(flag) !== 'true') {
  execFileSync('azd', ['env', 'set', flag, 'true'], { stdio: 'inherit' });
  console.log('Creating the Event Grid subscriptions now that the webhooks answer (azd provision).');
  execFileSync('azd', ['provision', '--no-prompt'], { stdio: 'inherit' });
}
