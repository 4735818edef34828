export { createAcsEmailNotifier, type AcsEmailOptions } from './acsEmailNotifier';
export { createAcsSmsNotifier, type AcsSmsOptions } from './acsSmsNotifier';
export { channelNotifier } from './channelNotifier';
export { defaultRetryPolicy, withThrottlingRetry, type RetryPolicy } from './throttlingRetry';
