// Reply understanding: pure functions over a patient's raw text (no I/O, no
// clock). See api.ts for the contract and vocabulary.ts for the data.
export type * from './api.js';
export { analyseReply } from './analyse.js';
export { parseCount, parseRating, type Range } from './answers.js';
export { parseYesNo } from './yesno.js';
export { parseChoice } from './choice.js';
export { isDailyLog } from './daily-log.js';
export { isSocial, looksLikeAnswer } from './attempt.js';
export { readDaysReply, type DaysReply } from './days-reply.js';
export { vocabularySchema, type Vocabulary } from './vocabulary.js';
export { tokenize, type Token } from './normalise.js';
export { OPT_OUT_KEYWORDS, OPT_IN_KEYWORDS, HELP_KEYWORDS } from './keywords.js';
