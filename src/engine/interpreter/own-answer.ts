// When a menu offers ideas, the patient's own idea leads ("What has helped in
// the past?"): a reply that picks no option but says something is taken as
// their own answer. Not an answer: fewer than 3 words (re-asked as usual) or
// a plain "I don't know" in either language.
const NOT_AN_ANSWER = /\b(i\s*don'?t\s*know|dont\s*know|do\s*not\s*know|not\s*sure|no\s*idea|idk|no\s*s[eé]|ni\s*idea|no\s*estoy\s*segur[oa])\b/i;
const MIN_WORDS = 3;

export function isOwnAnswer(text: string): boolean {
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length >= MIN_WORDS && !NOT_AN_ANSWER.test(text.replace(/[’‘]/g, "'"));
}
