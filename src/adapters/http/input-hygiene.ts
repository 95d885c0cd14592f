// Input hygiene at the edge: every string a request carries is made safe to
// store before any use-case sees it. PostgreSQL rejects NUL in text (error
// 22021) and lone UTF-16 surrogates cannot be encoded, so:
//  - NUL and the other C0 controls except tab and newline are removed
//    (a CR or CRLF becomes a newline, which is not counted);
//  - DEL and C1 controls (U+007F-U+009F) are removed;
//  - a lone surrogate becomes U+FFFD.
// Every removal or replacement is counted (careloop_input_cleaned_total).

export type CleanKind = 'control' | 'surrogate';

export interface CleanCounts {
  control: number;
  surrogate: number;
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export const noCounts = (): CleanCounts => ({ control: 0, surrogate: 0 });

/** Returns the cleaned text; adds what was removed or replaced to `counts`. */
export function cleanText(text: string, counts: CleanCounts = noCounts()): string {
  let out = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  out = out.replace(CONTROLS, () => {
    counts.control += 1;
    return '';
  });
  return out.replace(LONE_SURROGATE, () => {
    counts.surrogate += 1;
    return '\ufffd';
  });
}

/** Cleans every string (keys included) in a parsed JSON or form value. */
export function cleanDeep(value: unknown, counts: CleanCounts = noCounts(), depth = 0): unknown {
  if (typeof value === 'string') return cleanText(value, counts);
  if (depth > 32) return value;
  if (Array.isArray(value)) return value.map((v) => cleanDeep(v, counts, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k, counts), cleanDeep(v, counts, depth + 1)]));
  }
  return value;
}

/** Where cleaned input is reported (a metric in production). */
export type CleanReporter = (source: string, counts: CleanCounts) => void;

export function report(reporter: CleanReporter | undefined, source: string, counts: CleanCounts): void {
  if (reporter && (counts.control > 0 || counts.surrogate > 0)) reporter(source, counts);
}
