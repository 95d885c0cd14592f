// The one reader of phone numbers a person types (API, Slack modal and
// command, CLI): libphonenumber-js with the full metadata, a default country
// for numbers written without +, stored as E.164.
//
// Fictional numbers: the README, the simulator and the tests use 555 numbers
// (+1 555 555 0123). libphonenumber rejects area code 555 (never assigned),
// and accepts 555-0100..0199 (reserved for fiction) with a real area code.
// Outside production both are accepted, so development and tests work with
// numbers that can never text a real person; in production both are refused,
// since a text to them can only fail.
import { getCountryCallingCode, isSupportedCountry, parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/max';

export interface PhoneRules {
  /** ISO 3166 country of numbers typed without a + (the clinic's country). */
  defaultCountry: CountryCode;
  /** True outside production: fictional 555 numbers are accepted. */
  allowFictional: boolean;
}

export type PhoneResult = { ok: true; e164: string } | { ok: false; error: string };

export const isPhoneCountry = (code: string): code is CountryCode => isSupportedCountry(code);

/** Only what people put in phone numbers: digits, +, spaces, ( ) . - and /. */
const PHONE_CHARACTERS = /^\+?[\d\s().\-/]+$/;

/** True when the text is written like a phone number (it may still be a wrong one). */
export function looksLikePhone(text: string): boolean {
  return PHONE_CHARACTERS.test(text.trim()) && /\d/.test(text);
}

function example(country: CountryCode): string {
  return country === 'US' ? '(312) 555-0123 or +1 312 555 0123' : `+${getCountryCallingCode(country)} and the number`;
}

/** NANP area code 555, or 555-0100..0199 with any area code. */
function isFictional(e164: string): boolean {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  if (!nanp) return false;
  const [, area, exchange, line] = nanp as unknown as [string, string, string, string];
  return area === '555' || (exchange === '555' && line >= '0100' && line <= '0199');
}

const LENGTH_ERRORS: Record<string, string> = {
  TOO_SHORT: 'is too short for a phone number',
  TOO_LONG: 'is too long for a phone number',
  INVALID_LENGTH: 'has the wrong number of digits for its country',
  INVALID_COUNTRY: 'needs its country code, starting with +',
};

/** Reads a typed phone number; the error says what is wrong and shows an example. */
export function parsePhone(text: string, rules: PhoneRules): PhoneResult {
  const typed = text.trim();
  const bad = (what: string): PhoneResult => ({ ok: false, error: `${what}: write it like ${example(rules.defaultCountry)}` });
  if (!typed) return { ok: false, error: `is required: write it like ${example(rules.defaultCountry)}` };
  if (!looksLikePhone(typed)) return bad('must be a phone number');
  const lengthProblem = validatePhoneNumberLength(typed, rules.defaultCountry);
  if (lengthProblem) return bad(LENGTH_ERRORS[lengthProblem] ?? 'must be a phone number');
  const phone = parsePhoneNumberFromString(typed, rules.defaultCountry);
  if (!phone) return bad('must be a phone number');
  const fictional = isFictional(phone.number);
  if (fictional && !rules.allowFictional) return bad('is a fictional 555 number, which works only outside production');
  if (!phone.isValid() && !(fictional && phone.isPossible())) return bad('is not a valid phone number (check the area code and digits)');
  return { ok: true, e164: phone.number };
}
