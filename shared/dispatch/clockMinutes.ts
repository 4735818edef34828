import { minutesOfDay, type LocalTime } from '../common/time';

const memo = new Map<string, number>();

/** `minutesOfDay`, remembered: the planner and the slot check read the same few "HH:MM" strings over and over. */
export function clockMinutes(time: LocalTime): number {
  let minutes = memo.get(time);
  if (minutes === undefined) {
    minutes = minutesOfDay(time);
    memo.set(time, minutes);
  }
  return minutes;
}
