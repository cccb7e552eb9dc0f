import type { MessageKey, MessageVars } from '../i18n/i18n';

/** A waiting time or an estimate in calm, rounded words ("about 5 min"), as a catalogue key. */
export function durationText(ms: number): { key: MessageKey; vars: MessageVars } {
  const minutes = Math.round(Math.max(0, ms) / 60_000);
  if (minutes < 1) return { key: 'time.underAMinute', vars: {} };
  if (minutes < 60) return { key: 'time.minutes', vars: { minutes } };
  return { key: 'time.hours', vars: { hours: Math.floor(minutes / 60), minutes: minutes % 60 } };
}
