// A closing word with nothing else in it ("thanks", "ok", "👍", "gracias"):
// it needs a short friendly answer, not the "we got your message ... call 911"
// fallback. Anything longer or carrying a signal goes the usual way; this is
// checked only after the safety, STOP, HELP and human interrupts.
const CLOSINGS = new Set([
  'thanks', 'thank you', 'thanks so much', 'thank you so much', 'thx', 'ty', 'tysm', 'ok', 'okay', 'k', 'kk', 'ok thanks', 'ok thank you',
  'okay thanks', 'thanks ok', 'great', 'great thanks', 'cool', 'sounds good', 'will do', 'got it', 'got it thanks', 'perfect', 'awesome',
  'gracias', 'muchas gracias', 'mil gracias', 'ok gracias', 'okey', 'vale', 'bueno', 'esta bien', 'perfecto', 'de acuerdo', 'entendido',
  'listo gracias', 'sale', 'claro', 'dios le bendiga', 'bendiciones',
]);
const EMOJI_ONLY = /^(?:[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]|\s)+$/u;

export function isClosingReply(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === '') return false;
  if (EMOJI_ONLY.test(trimmed)) return true;
  const plain = trimmed
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\p{Extended_Pictographic}\uFE0F\u200D]/gu, ' ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return CLOSINGS.has(plain);
}

const SPANISH_HINT = /[ñáéíóú¿¡]|\b(hola|gracias|quien|quién|numero|número|soy|estoy|por favor|que es|qué|buenas|buenos|usted|mensaje|mi|es)\b/i;

/** Someone we do not know: answer in Spanish when their text looks Spanish, else English. */
export function guessLanguage(text: string): 'en' | 'es' {
  return SPANISH_HINT.test(text) ? 'es' : 'en';
}
