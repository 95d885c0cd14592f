// A Mermaid stateDiagram-v2 of one conversation, for people reviewing a
// dialogue: each step a state (with what it waits for), each way out an
// arrow labelled with its category or condition.
import type { ConversationDefinition, Expectation, StepDefinition } from './definition/schema.js';
import { edgesOf } from './definition/graph.js';

const stateId = (step: string) => `s_${step}`;

/** Mermaid labels cannot hold some characters; keep them readable. */
function label(text: string): string {
  return text.replace(/>=/g, '≥').replace(/<=/g, '≤').replace(/!=/g, '≠').replace(/[;:#{}"<>]/g, ' ').replace(/\s+/g, ' ').trim();
}

function waitsFor(expect: Expectation): string {
  switch (expect.type) {
    case 'number':
    case 'rating':
      return `${expect.type} ${expect.min}-${expect.max}`;
    case 'yes_no':
      return 'yes or no';
    case 'choice':
      return `choice ${expect.options.map((o) => o.key).join(' / ')}`;
    case 'text':
      return 'free text';
  }
}

/** The step's name, then what it does: one description line each (Mermaid draws them in the box). */
function describeStep(id: string, step: StepDefinition): string[] {
  const notes = [id];
  if (step.expect) notes.push(`waits for ${waitsFor(step.expect)}`);
  if (step.escalate) notes.push(`escalates ${step.escalate.urgency}`);
  if (step.update_plan) notes.push('updates the plan');
  if (step.consent) notes.push('records consent');
  if (step.call) notes.push(`calls ${step.call.conversation}`);
  return notes.map(label);
}

export function mermaidDiagram(definition: ConversationDefinition): string {
  const lines = ['stateDiagram-v2', `  %% ${label(definition.title)} (${definition.id} v${definition.version})`];
  for (const [id, step] of Object.entries(definition.steps)) {
    for (const note of describeStep(id, step)) lines.push(`  ${stateId(id)} : ${note}`);
  }
  lines.push(`  [*] --> ${stateId(definition.start)}`);
  for (const [id, step] of Object.entries(definition.steps)) {
    for (const edge of edgesOf(step)) {
      lines.push(`  ${stateId(id)} --> ${stateId(edge.to)}${edge.label ? `: ${label(edge.label)}` : ''}`);
    }
    if (step.end) lines.push(`  ${stateId(id)} --> [*]: ${label(step.end)}`);
    if (step.handoff) lines.push(`  ${stateId(id)} --> [*]: hand off to ${label(step.handoff)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function mermaidHtml(definition: ConversationDefinition): string {
  const escaped = mermaidDiagram(definition).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${definition.id}</title></head>
<body>
<h1>${label(definition.title)}</h1>
<pre class="mermaid">
${escaped}</pre>
<script type="module">import mermaid from 'https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs'; mermaid.initialize({ startOnLoad: true });</script>
</body></html>
`;
}
