import { z } from 'zod';

/** A deadline rule as configured in `DEADLINE_RULES`; libs/calendar gives each its meaning. */
export type DeadlineRuleSetting =
  | { workingDays: number }
  | { calendarDays: number }
  | { seconds: number }
  | { dueDate: string; fallback: DeadlineRuleSetting };

const DAYS = z.number().int('a whole number of days').min(1, 'at least 1 day').max(3660, 'at most 3660 days');
const RULE_SHAPES = '{"workingDays": n}, {"calendarDays": n}, {"seconds": n} or {"dueDate": "context.path", "fallback": rule}';

const DEADLINE_RULE: z.ZodType<DeadlineRuleSetting> = z.lazy(() =>
  z.union([
    z.strictObject({ workingDays: DAYS }),
    z.strictObject({ calendarDays: DAYS }),
    z.strictObject({ seconds: z.number().positive('more than 0 seconds') }),
    z.strictObject({
      dueDate: z.string().regex(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/, 'a dotted path into the instance context'),
      fallback: DEADLINE_RULE,
    }),
  ]),
);

const DEADLINE_RULE_MAP = z.record(z.string(), DEADLINE_RULE);

/** `DEADLINE_RULES`: a JSON object of delay name → rule; every problem names the delay it is in. */
export const DEADLINE_RULES_SETTING = z.string().transform((text, ctx): Record<string, DeadlineRuleSetting> => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: `is not JSON; expected an object of delay name → rule, e.g. {"responsibleReminder": {"workingDays": 5}}` });
    return z.NEVER;
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object of delay name → rule' });
    return z.NEVER;
  }
  const parsed = DEADLINE_RULE_MAP.safeParse(json);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const [delay, ...at] = issue.path.map(String);
    const where = at.length > 0 ? ` (${at.join('.')})` : '';
    const reason = issue.code === 'invalid_union' ? `expected ${RULE_SHAPES}` : issue.message;
    ctx.addIssue({ code: 'custom', message: `rule for delay "${delay}"${where}: ${reason}` });
  }
  return z.NEVER;
});
