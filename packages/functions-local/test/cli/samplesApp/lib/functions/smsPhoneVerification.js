/* eslint-disable @typescript-eslint/no-require-imports, no-undef -- a built CommonJS app, as the samples compile to */
const { output } = require('@azure/functions');
const df = require('durable-functions');

df.app.orchestration('smsPhoneVerification', function* (context) {
  const phoneNumber = context.df.getInput();
  if (!phoneNumber) throw new Error('A phone number input is required.');
  const challengeCode = yield context.df.callActivity('sendSmsChallenge', phoneNumber);
  const timeout = context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 90 * 1000));
  let authorized = false;
  for (let attempt = 0; attempt <= 3; attempt++) {
    const response = context.df.waitForExternalEvent('SmsChallengeResponse');
    const winner = yield context.df.Task.any([response, timeout]);
    if (winner === timeout) break;
    if (response.result === challengeCode) {
      authorized = true;
      break;
    }
  }
  if (!timeout.isCompleted) timeout.cancel();
  return authorized;
});

// A generic output binding the local runtime does not implement: only this activity is in error.
const twilioOutput = output.generic({
  type: 'twilioSms',
  from: '%TwilioPhoneNumber%',
  accountSidSetting: 'TwilioAccountSid',
  authTokenSetting: 'TwilioAuthToken',
});

df.app.activity('sendSmsChallenge', {
  extraOutputs: [twilioOutput],
  handler: (phoneNumber, context) => {
    const challengeCode = Math.floor(Math.random() * 10000);
    context.extraOutputs.set(twilioOutput, {
      body: `Your verification code is ${challengeCode}`,
      to: phoneNumber,
    });
    return challengeCode;
  },
});
