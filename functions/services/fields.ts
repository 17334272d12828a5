import * as z from 'zod/mini';
import { MAX_CADENCE_DAYS, MIN_CADENCE_DAYS } from '../domain/schedule';
import { isValidTimeZone } from '../domain/zoned-time';

/**
 * Field schemas shared by every form and JSON body that carries them, so each is checked, and
 * explained, the same way everywhere.
 */
export function wholeNumber(message: string, min: number, max: number) {
  return z.pipe(
    // Forms send text; an empty field is "missing", not zero.
    z.transform((value: unknown) =>
      typeof value === 'string' && value.trim() !== '' ? Number(value) : value,
    ),
    z
      .number({ error: message })
      .check(z.int(message), z.minimum(min, message), z.maximum(max, message)),
  );
}

export const HOUR_MESSAGE = 'The hour must be a whole number from 0 to 23.';
export const PACE_MESSAGE = `Choose a pace from ${MIN_CADENCE_DAYS} to ${MAX_CADENCE_DAYS} days.`;

export const sendHourField = wholeNumber(HOUR_MESSAGE, 0, 23);
export const cadenceDaysField = wholeNumber(PACE_MESSAGE, MIN_CADENCE_DAYS, MAX_CADENCE_DAYS);
export const timeZoneField = z
  .string({ error: 'Choose a time zone from the list.' })
  .check(z.refine(isValidTimeZone, 'Choose a time zone from the list, like Europe/London.'));
