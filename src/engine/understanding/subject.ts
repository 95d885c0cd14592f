// Who a red flag happens to. "my brother had a stroke" is not the patient's
// emergency; "my husband is having chest pain right now" is a bystander's;
// "my chest hurts" and anything without a clear other subject is the
// patient's (when unsure, the patient: a missed emergency is the worse error).
// The nearest subject before the red flag in its sentence decides: a first
// person ("I", "my", "yo", "mi", "me") or another person or pet ("my husband",
// "she", "mi mamá", "el perro"). A reflexive third person inside the red flag
// ("kill himself", "matarse") names another person too.
import { squeeze, type Token } from './normalise.js';
import type { Span } from './safety.js';

export type Subject = 'patient' | 'other_now' | 'other_past';

const word = (list: string): Set<string> => new Set(list.split(/\s+/).filter(Boolean).map(squeeze));

const FIRST_PERSON = word("i im ive id me myself mine yo conmigo tengo estoy puedo siento");
/** "my"/"mi" marks the patient only before their own body or health ("my chest", "mi azúcar"), not "my pill box". */
const MY = word('my mi mis');
const MY_HEALTH = word(`chest head arm arms leg legs face mouth hand hands breath breathing sugar blood pressure heart vision eye eyes
  speech words knee knees back hip foot feet stomach belly throat lips tongue body side
  pecho cabeza brazo brazos pierna piernas cara boca mano manos respiracion azucar sangre presion corazon vista ojo ojos lengua
  rodilla rodillas espalda cadera pie pies estomago panza garganta labios cuerpo lado`);
/** People and pets who are not the patient. */
const OTHERS = word(`husband wife son daughter mom mother mum mama dad father papa brother sister grandson granddaughter grandma
  grandpa grandmother grandfather grandkid grandkids aunt uncle tia tio cousin nephew niece neighbor neighbour friend buddy coworker
  boss partner boyfriend girlfriend roommate baby kid kids child children family dog cat pet puppy grandbaby grandbabies bf gf
  he she hes shes him her his they theyre them
  esposo esposa marido mujer hijo hija mama papa hermano hermana nieto nieta abuela abuelo tio tia primo prima sobrino sobrina
  vecino vecina amigo amiga companero companera suegra suegro cunado cunada novio novia bebe nino nina perrito perra gato gatito
  mascota comadre compadre ella ellos ellas`);
/** A verb that puts another person's red flag in the past ("my buddy had a heart attack"). */
const PAST_VERBS = word(`had was were did died tried broke fell passed suffered survived went used lol haha lmao jaja jajaja
  tuvo tuvieron fue estuvo murio fallecio paso intento sufrio sobrevivio quebro rompio`);
/** Words that make it happen now, whatever the verbs say ("my neighbor just fell", "ahorita mismo"). */
const NOW = word('now rn currently just right ahora ahorita mismo todavia still actualmente is are cant wont isnt esta estan estoy');
/** Another person's red flag is past when the sentence says so, or the patient says it is over. */
const OVER = word('yesterday ayer ago hace summer winter verano invierno');
/** Spanish "he" is "I have" before a participle ("he estado juntando"), not English "he". */
const SPANISH_HE = /(?:ado|ido|ando|iendo|isto|echo)$/;
const REFLEXIVE_OTHER = word('himself herself themselves matarse quitarse lastimarse cortarse suicidarse');
const REACH = 10;
const CLAUSE_ENDS = word('but pero though aunque and y');

function sentenceBounds(tokens: Token[], at: number): Span {
  let start = at;
  while (start > 0 && tokens[start - 1]?.kind !== 'break') start--;
  let end = at;
  while (end < tokens.length && tokens[end]?.kind !== 'break') end++;
  return { start, end };
}

/** The subject of the red flag at `hit`; `past` says whether its sentence places it in the past. */
/** "this is her grandson", "texting for my mom", "soy su hija": someone writes for the patient, so "she" is the patient. */
function byProxy(tokens: Token[]): boolean {
  const t = tokens.map((x) => x.t);
  return t.some((w, i) => (w === 'this' && t[i + 1] === 'is' && ['her', 'his'].includes(t[i + 2] ?? ''))
    || (['texting', 'writing', 'typing', 'escribo', 'escribiendo'].includes(w) && ['for', 'por', 'para'].includes(t[i + 1] ?? ''))
    || (w === 'behalf') || (w === 'soy' && t[i + 1] === 'su'));
}

const PRONOUNS = word('he she hes shes they theyre ella ellos ellas');
/** Someone else says, wants or tries it: then it is theirs ("my daughter tried to overdose"). */
const SAYS = word('says said saying sayin keeps wants wanted talks talking told tried tries threatened dice dijo diciendo quiere sigue habla intento amenazo');

/**
 * Self-harm is someone else's only when they are the one who says or wants it
 * ("she wants to die", "my son keeps saying…"): "my kids would be better off"
 * is the patient speaking about themself.
 */
function otherSpeaks(tokens: Token[], at: number): boolean {
  const t = tokens[at]?.t ?? '';
  if (PRONOUNS.has(t)) return true;
  return [1, 2, 3].some((k) => SAYS.has(tokens[at + k]?.t ?? ''));
}

export function subjectOf(tokens: Token[], hit: Span, past: boolean, resolved = false, selfHarm = false): Subject {
  if (byProxy(tokens)) return 'patient';
  const s = sentenceBounds(tokens, hit.start);
  let other = false;
  for (let i = hit.start; i < hit.end; i++) if (REFLEXIVE_OTHER.has(tokens[i]?.t ?? '')) other = true;
  let subjectAt = -1;
  if (!other) {
    for (let i = hit.start - 1, seen = 0; i >= s.start && seen < REACH; i--, seen++) {
      const t = tokens[i]?.t ?? '';
      if (FIRST_PERSON.has(t) || (t === 'he' && SPANISH_HE.test(tokens[i + 1]?.t ?? ''))) return 'patient';
      if (MY.has(t) && MY_HEALTH.has(tokens[i + 1]?.t ?? '')) return 'patient';
      // Possessives lose their apostrophe: "my wifes face" is the wife's.
      if (OTHERS.has(t) || (t.endsWith('s') && t.length > 3 && OTHERS.has(t.slice(0, -1)))) {
        other = true;
        subjectAt = i;
        break;
      }
    }
  }
  if (!other) {
    // No subject before it: "my"/"mi" with the red flag itself ("my chest hurts") or nothing at all is the patient.
    return 'patient';
  }
  if (selfHarm && subjectAt >= 0 && !otherSpeaks(tokens, subjectAt)) return 'patient';
  // The clause: from the subject to the first comma or "but" after the red flag.
  let end = hit.end;
  while (end < s.end && tokens[end]?.kind !== 'comma' && !CLAUSE_ENDS.has(tokens[end]?.t ?? '')) end++;
  const clause = tokens.slice(subjectAt >= 0 ? subjectAt : s.start, end).map((t) => t.t);
  if (resolved || clause.some((t) => OVER.has(t))) return 'other_past';
  if (clause.some((t) => NOW.has(t))) return 'other_now';
  if (past || clause.some((t) => PAST_VERBS.has(t))) return 'other_past';
  return 'other_now';
}
