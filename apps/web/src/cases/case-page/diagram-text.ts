/**
 * The Mermaid state diagram the API generates from a workflow's machine
 * (libs/workflow-runtime/src/domain/mermaid.ts), read back and redrawn in people's words: state
 * labels for state names, what happens for event names, roles in words, the current state
 * marked. Nothing here knows a workflow: it reads whatever the API drew.
 */

export interface DiagramTransition {
  /** State paths (`localImprovement.plan`). */
  from: string;
  to: string;
  /** The event, or null for a deadline. */
  event: string | null;
  /** The named deadline (`after <delay>`), or null for an event. */
  delay: string | null;
  roles: string[];
  conditions: string[];
}

export interface DiagramWords {
  state: (path: string) => string;
  /** The words on an arrow; null leaves the arrow out of the drawing. */
  transition: (transition: DiagramTransition) => string | null;
}

const EDGE = /^(\S+) --> (\S+)(?: : (.*))?$/;
const LABEL = /^(?:after (\S+)|(\S+))(?: by (.+?))?(?: if (.+))?$/;
const PLAIN_STATE = /^[A-Za-z0-9_]+$/;
const NAMED_STATE = /^state "[^"]*" as ([A-Za-z0-9_]+)$/;
const COMPOSITE_STATE = /^state ([A-Za-z0-9_]+) \{$/;

/** Mermaid ids join a nested state's path with `__`. */
const pathOf = (id: string) => id.split('__').join('.');
const idOf = (path: string) => path.split('.').join('__');

function transitionOf(from: string, to: string, label: string | undefined): DiagramTransition | null {
  const parsed = LABEL.exec(label?.trim() ?? '');
  if (!parsed) return null;
  const [, delay, event, roles, conditions] = parsed;
  return {
    from: pathOf(from),
    to: pathOf(to),
    event: event ?? null,
    delay: delay ?? null,
    roles: roles ? roles.split(' or ').map((r) => r.trim()) : [],
    conditions: conditions ? conditions.split(' and ').map((c) => c.trim()) : [],
  };
}

/** Every transition the diagram draws, as data (not the start and end markers). */
export function transitionsOf(mermaid: string): DiagramTransition[] {
  const transitions: DiagramTransition[] = [];
  for (const line of mermaid.split('\n').map((l) => l.trim())) {
    const edge = EDGE.exec(line);
    if (!edge || edge[1] === '[*]' || edge[2] === '[*]') continue;
    const transition = transitionOf(edge[1]!, edge[2]!, edge[3]);
    if (transition) transitions.push(transition);
  }
  return transitions;
}

/** Mermaid ends a label at a newline and reads `:`, `;`, `#`, quotes and braces itself. */
function sanitise(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[:;#{}"]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The colours of the current state: dark text on a light fill, with a thick dark border. */
const CURRENT_STYLE = 'fill:#d7f0ff,stroke:#063a54,stroke-width:4px,color:#06263a,font-weight:bold';
export const CURRENT_CLASS = 'current';

/**
 * The diagram again, with the words people read and the current state marked. Arrows that read
 * alike between the same states are drawn once.
 */
export function diagramForPeople(mermaid: string, words: DiagramWords, current: string): string {
  const out: string[] = [];
  const drawn = new Set<string>();
  const composites = new Set<string>();
  for (const raw of mermaid.split('\n')) {
    const indent = /^\s*/.exec(raw)![0];
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('stateDiagram')) {
      out.push(line, `${indent}  classDef ${CURRENT_CLASS} ${CURRENT_STYLE}`);
      continue;
    }
    const composite = COMPOSITE_STATE.exec(line);
    if (composite) {
      composites.add(composite[1]!);
      out.push(`${indent}state "${sanitise(words.state(pathOf(composite[1]!)))}" as ${composite[1]} {`);
      continue;
    }
    const named = NAMED_STATE.exec(line) ?? (PLAIN_STATE.test(line) ? [line, line] : null);
    if (named) {
      out.push(`${indent}state "${sanitise(words.state(pathOf(named[1]!)))}" as ${named[1]}`);
      continue;
    }
    const edge = EDGE.exec(line);
    if (edge && edge[1] !== '[*]' && edge[2] !== '[*]') {
      const transition = transitionOf(edge[1]!, edge[2]!, edge[3]);
      const label = transition ? words.transition(transition) : null;
      if (label === null) continue;
      const text = `${edge[1]} --> ${edge[2]} : ${sanitise(label)}`;
      if (drawn.has(text)) continue;
      drawn.add(text);
      out.push(`${indent}${text}`);
      continue;
    }
    out.push(raw);
  }
  // Mermaid styles simple states only; inside a composite state the current one is a simple one.
  const currentId = idOf(current);
  if (!composites.has(currentId)) out.push(`  class ${currentId} ${CURRENT_CLASS}`);
  return `${out.join('\n')}\n`;
}
