// Small inline definitions for engine tests, parsed by the real schema.
import { parse } from 'yaml';
import { conversationSchema, type LoadedDefinition } from '../../../src/engine/definition/schema.js';
import type { EngineEnv } from '../../../src/engine/effects.js';

export function definitionFrom(yaml: string, hash = 'h1'): LoadedDefinition {
  return { hash, definition: conversationSchema.parse(parse(yaml)) };
}

/** An env whose resolve knows the given definitions (by id and by hash) on top of `base`. */
export function withDefinitions(base: EngineEnv, ...definitions: LoadedDefinition[]): EngineEnv {
  const byKey = new Map<string, LoadedDefinition>();
  for (const d of definitions) byKey.set(d.hash, d).set(d.definition.id, d);
  return { ...base, resolve: (key) => byKey.get(key) ?? base.resolve(key) };
}

export const ASK_DAYS = `
id: t-days
version: 1
title: test
start: ask
steps:
  ask:
    say: { en: "How many days? Reply 0-7.", es: "¿Cuántos días? Responda 0-7." }
    expect: { type: number, min: 0, max: 7 }
    save: days
    retry: { en: "Reply 0-7 please.", es: "Responda 0-7." }
    fallback: { goto: unclear }
    timeout: { after: PT48H, goto: silent }
    routes:
      - if: days >= 3
        category: enough
        goto: great
      - category: some
        goto: ok
  great:
    say: { en: "Great, {{days}} days!", es: "¡Muy bien, {{days}} días!" }
    end: done
  ok:
    end: partial
  unclear:
    say: { en: "Thanks, noted.", es: "Gracias." }
    end: unclear
  silent:
    end: no_response
`;
