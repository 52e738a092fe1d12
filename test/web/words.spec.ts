import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { INSTALLED_WORKFLOWS } from '../../apps/installed-workflows.js';

/**
 * The web app's words (apps/web/src/locales): bokmål and English say the same things, and every
 * event of every workflow Flyt runs, with each field of its form and each choice, has words in
 * both, so no person meets an internal code: every workflow this installation runs. The forms themselves come from the payload schemas
 * (docs/web-app.md).
 */
type Words = { [key: string]: string | Words };
const LOCALES = resolve(process.cwd(), 'apps/web/src/locales');

function mergeInto(target: Words, source: Words): Words {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    target[key] = typeof value === 'object' && typeof existing === 'object' ? mergeInto(existing, value) : value;
  }
  return target;
}

function wordsOf(language: string): Words {
  const dir = join(LOCALES, language);
  const merged: Words = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) mergeInto(merged, JSON.parse(readFileSync(join(dir, file), 'utf8')) as Words);
  return merged;
}

function leaves(words: Words, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(words)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') found.set(path, value);
    else for (const [p, v] of leaves(value, path)) found.set(p, v);
  }
  return found;
}

const nb = leaves(wordsOf('nb'));
const en = leaves(wordsOf('en'));
const has = (words: Map<string, string>, ...keys: string[]) => keys.some((key) => (words.get(key) ?? '').trim() !== '');

interface JsonNode {
  type?: string;
  properties?: Record<string, JsonNode>;
  items?: JsonNode;
  enum?: unknown[];
  anyOf?: JsonNode[];
}

/** Every field of a payload schema by its words path (list positions left out), with its choices. */
function fieldsOf(node: JsonNode, prefix = ''): { path: string; name: string; options: unknown[] }[] {
  const plain = node.anyOf?.find((variant) => variant.type !== 'null') ?? node;
  const fields: { path: string; name: string; options: unknown[] }[] = [];
  for (const [name, child] of Object.entries(plain.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    const inner = child.anyOf?.find((variant) => variant.type !== 'null') ?? child;
    fields.push({ path, name, options: inner.enum ?? inner.items?.enum ?? [] });
    fields.push(...fieldsOf(inner.items ?? inner, path));
  }
  return fields;
}

// The events only Flyt itself sends (a round's decision, a project's end) never get a form, but they show in the history, so they need their words too.
const EVENTS = INSTALLED_WORKFLOWS.flatMap((workflow) => {
  const latest = workflow.versions[workflow.versions.length - 1]!;
  return Object.entries(latest.events).map(([type, schema]) => ({
    workflow: workflow.id,
    type,
    fields: fieldsOf(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonNode),
  }));
});

describe('the web app’s words', () => {
  it('has the same keys in bokmål and English, none empty', () => {
    const onlyNb = [...nb.keys()].filter((key) => !en.has(key));
    const onlyEn = [...en.keys()].filter((key) => !nb.has(key));
    const empty = [...nb, ...en].filter(([, value]) => value.trim() === '').map(([key]) => key);
    expect({ onlyNb, onlyEn, empty }).toEqual({ onlyNb: [], onlyEn: [], empty: [] });
  });

  it.each(['nb', 'en'])('names every event of every workflow, each field of its form and each choice, in %s', (language) => {
    const words = language === 'nb' ? nb : en;
    const missing: string[] = [];
    // Every installed workflow has events people or Flyt send, so none may slip through unlisted.
    expect(INSTALLED_WORKFLOWS.filter((w) => !EVENTS.some((e) => e.workflow === w.id)).map((w) => w.id)).toEqual([]);
    for (const { workflow, type, fields } of EVENTS) {
      if (!has(words, `events.${type}.label`)) missing.push(`${workflow} ${type}: events.${type}.label`);
      for (const { path, name, options } of fields) {
        if (!has(words, `forms.${type}.${path}`, `forms.${type}.${path}Legend`, `fields.${name}`, `fields.${name}Legend`)) missing.push(`${workflow} ${type}: forms.${type}.${path} or fields.${name}`);
        for (const option of options) {
          if (!has(words, `forms.${type}.${path}Options.${String(option)}`, `options.${name}.${String(option)}`)) missing.push(`${workflow} ${type}: options.${name}.${String(option)}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
