export type { Clock, ClockTimer } from './clock';
export { ManualClock, type Quiescence } from './manualClock';
export { systemClock } from './systemClock';
export { shiftedClock } from './shiftedClock';
export { TimerQueue } from './timerQueue';
