// `careloop diagram`: a Mermaid stateDiagram-v2 whose every line is one of the
// few forms we emit, covering every step and every way out.
import { describe, expect, it } from 'vitest';
import { loadConversations } from '../../src/adapters/definitions/load-conversations.js';
import { mermaidDiagram } from '../../src/engine/diagram.js';
import { edgesOf } from '../../src/engine/definition/graph.js';
import { CONVERSATIONS_DIR } from '../engine/support/env.js';

const LINE = [
  /^stateDiagram-v2$/,
  /^  %% .+$/,
  /^  s_[a-z0-9_]+ : [^:;#{}"<>]+$/,
  /^  \[\*\] --> s_[a-z0-9_]+$/,
  /^  s_[a-z0-9_]+ --> (s_[a-z0-9_]+|\[\*\])(: [^:;#{}"<>]+)?$/,
];

describe('diagram', async () => {
  const { definitions } = await loadConversations(CONVERSATIONS_DIR);
  it.each([...definitions.keys()])('%s is a well-formed state diagram', (id) => {
    const definition = definitions.get(id)?.definition;
    if (!definition) throw new Error(id);
    const text = mermaidDiagram(definition);
    const lines = text.trimEnd().split('\n');
    for (const line of lines) expect(LINE.some((re) => re.test(line)), line).toBe(true);
    for (const [stepId, step] of Object.entries(definition.steps)) {
      expect(text).toContain(`  s_${stepId} : ${stepId}\n`);
      for (const edge of edgesOf(step)) expect(text).toContain(`  s_${stepId} --> s_${edge.to}`);
      if (step.end) expect(text).toContain(`  s_${stepId} --> [*]: ${step.end}`);
    }
  });
});
