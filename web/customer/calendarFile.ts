/**
 * An appointment as an iCalendar file (RFC 5545) for "add to calendar": one VEVENT with times in
 * UTC (form 2 of §3.3.5, so no VTIMEZONE is needed and every calendar shows local time right),
 * TEXT values escaped (§3.3.11), lines folded at 75 octets (§3.1) and ended with CRLF.
 */
export interface CalendarEvent {
  /** Stable per appointment, so importing a moved appointment updates the same entry. */
  readonly uid: string;
  /** SEQUENCE: higher for each change of the same appointment. */
  readonly sequence: number;
  readonly start: Date;
  readonly end: Date;
  readonly stamp: Date;
  readonly summary: string;
  readonly location: string;
  readonly description: string;
  readonly url?: string | undefined;
}

const utc = (date: Date): string =>
  `${date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')}`;

const text = (value: string): string =>
  value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Splits a content line into chunks of at most 75 octets, never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function calendarFile(event: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Fieldline//Customer appointments//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utc(event.stamp)}`,
    `DTSTART:${utc(event.start)}`,
    `DTEND:${utc(event.end)}`,
    `SUMMARY:${text(event.summary)}`,
    `LOCATION:${text(event.location)}`,
    `DESCRIPTION:${text(event.description)}`,
    ...(event.url === undefined ? [] : [`URL:${event.url}`]),
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
