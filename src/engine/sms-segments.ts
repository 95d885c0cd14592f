// SMS segment counting with the real encodings. GSM-7: 160 characters in one
// part, 153 per part when split; characters from the extension table (^ { } [ ]
// ~ \ | €, form feed) take two. One character outside GSM-7 (á, í, ó, ú, an
// emoji, curly quotes) makes the whole message UCS-2: 70 UTF-16 units in one
// part, 67 per part.

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: SmsEncoding;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
  /** The first character that forced UCS-2, for a helpful message. */
  nonGsmCharacter?: string;
}

export function countSegments(text: string): SegmentCount {
  let septets = 0;
  for (const ch of text) {
    if (BASIC.has(ch)) septets += 1;
    else if (EXTENDED.has(ch)) septets += 2;
    else {
      const units = text.length;
      return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67), nonGsmCharacter: ch };
    }
  }
  return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}

export const MAX_SEGMENTS = 2;

/**
 * What a fill-in costs inside a text: GSM-7 septets (extension characters
 * count 2), or UTF-16 units if it has a character outside GSM-7 (an emoji
 * counts 2). A value within a limit by this measure fits wherever the
 * validator's worst-case value of that length fits.
 */
export function smsLength(text: string): number {
  const count = countSegments(text);
  return count.encoding === 'GSM-7' ? count.units : text.length;
}
