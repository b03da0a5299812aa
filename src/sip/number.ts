// Phone numbers to E.164 with libphonenumber-js's smallest metadata (the "min" build).
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

export function toE164(input: string, region: string | null): string | null {
  const parsed = parsePhoneNumberFromString(
    input,
    (region ?? undefined) as CountryCode | undefined,
  );
  return parsed?.isPossible() ? parsed.number : null;
}
