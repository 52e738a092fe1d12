import { z } from 'zod';

/** A deadline rule as configured in `DEADLINE_RULES`; libs/calendar gives each its meaning. */
export type DeadlineRuleSetting =
  | { workingDays: number }
  | { calendarDays: number }
  | { seconds: number }
  | { dueDate: string; before?: DeadlineOffsetSetting; fallback: DeadlineRuleSetting };

export type DeadlineOffsetSetting = { workingDays: number } | { calendarDays: number } | { seconds: number };

const DAYS = z.number().int('a whole number of days').min(1, 'at least 1 day').max(3660, 'at most 3660 days');
const RULE_SHAPES =
  '{"workingDays": n}, {"calendarDays": n}, {"seconds": n} or {"dueDate": "context.path", "fallback": rule} (with "before": {"workingDays": n} or the like for a deadline ahead of that date)';

const OFFSET = z.union([z.strictObject({ workingDays: DAYS }), z.strictObject({ calendarDays: DAYS }), z.strictObject({ seconds: z.number().positive('more than 0 seconds') })]);

const DEADLINE_RULE: z.ZodType<DeadlineRuleSetting> = z.lazy(() =>
  z.union([
    z.strictObject({ workingDays: DAYS }),
    z.strictObject({ calendarDays: DAYS }),
    z.strictObject({ seconds: z.number().positive('more than 0 seconds') }),
    z.strictObject({
      dueDate: z.string().regex(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/, 'a dotted path into the instance context'),
      before: OFFSET.optional(),
      fallback: DEADLINE_RULE,
    }),
  ]),
);

const RULE_KEYS = ['workingDays', 'calendarDays', 'seconds', 'dueDate'];
const looksLikeRule = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).some((k) => RULE_KEYS.includes(k));

/**
 * `DEADLINE_RULES` as configured: delay name → rule, which applies to every workflow that has a
 * delay of that name; or workflow id → { delay name → rule }, for one workflow. libs/calendar checks
 * the names against the registered workflows.
 */
export type DeadlineRuleSettings = Record<string, DeadlineRuleSetting | Record<string, DeadlineRuleSetting>>;

/** `DEADLINE_RULES`: a JSON object; every problem names the delay (and the workflow) it is in. */
export const DEADLINE_RULES_SETTING = z.string().transform((text, ctx): DeadlineRuleSettings => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: `is not JSON; expected an object of delay name → rule, e.g. {"responsibleReminder": {"workingDays": 5}}, or of workflow id → such an object`,
    });
    return z.NEVER;
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object of delay name → rule, or of workflow id → { delay name → rule }' });
    return z.NEVER;
  }
  const settings: DeadlineRuleSettings = {};
  const ruleAt = (value: unknown, where: string): DeadlineRuleSetting | undefined => {
    const parsed = DEADLINE_RULE.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const at = issue.path.map(String);
      const reason = issue.code === 'invalid_union' ? `expected ${RULE_SHAPES}` : issue.message;
      ctx.addIssue({ code: 'custom', message: `rule for ${where}${at.length ? ` (${at.join('.')})` : ''}: ${reason}` });
    }
    return undefined;
  };
  for (const [name, value] of Object.entries(json)) {
    const isWorkflowMap = !looksLikeRule(value) && value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every(looksLikeRule);
    if (isWorkflowMap && Object.keys(value).length > 0) {
      const rules: Record<string, DeadlineRuleSetting> = {};
      for (const [delay, rule] of Object.entries(value as Record<string, unknown>)) {
        const parsed = ruleAt(rule, `delay "${delay}" of workflow "${name}"`);
        if (parsed) rules[delay] = parsed;
      }
      settings[name] = rules;
    } else {
      const parsed = ruleAt(value, `delay "${name}"`);
      if (parsed) settings[name] = parsed;
    }
  }
  return settings;
});
