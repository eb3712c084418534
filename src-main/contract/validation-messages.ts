/**
 * What a zod rejection says: the message codes the input schemas use (schemas.ts), and the
 * first issue of a rejection as an AppError that names the field. Pure data and zod only, so
 * services, the import and the renderer can use it without the api.
 */
import type { ZodError, core } from 'zod';
import { CREDIT_CODE_MESSAGES } from '../domain/credit-code';
import { AppError } from '../domain/errors';
import { ID_NUMBER_MESSAGES } from '../domain/id-number';
import { fieldLabel } from './field-labels';

type Text = { zh: string; en: string };

/** Message codes used by the zod schemas, and what they say after the field's name. */
const CATALOGUE: Record<string, Text> = {
  DATE_INVALID: { zh: '不是有效日期（格式 YYYY-MM-DD）', en: 'is not a valid date (YYYY-MM-DD)' },
  REGION_CODE_INVALID: { zh: '应为 6 位行政区划代码', en: 'must be a 6-digit region code' },
  REQUIRED: { zh: '不能为空', en: 'is required' },
  MONEY_PRECISION: { zh: '最多两位小数（精确到分）', en: 'allows at most two decimals (fen)' },
  BED_COUNT_RANGE: { zh: '应在 1 到 2000 之间', en: 'must be between 1 and 2000' },
  MONTH_INVALID: { zh: '应为 YYYY-MM 格式的月份', en: 'must be a month as YYYY-MM' },
  REASON_REQUIRED: { zh: '请填写原因（至少 2 个字）', en: 'needs a reason (at least 2 characters)' },
  USERNAME_CHARS: { zh: '只能包含文字、数字和 _ . @ -', en: 'may hold only letters, digits and _ . @ -' },
  CALENDAR_DATE_OUTSIDE_YEAR: { zh: '中的日期 {date} 不属于该年份', en: 'holds {date}, outside its year' },
  CALENDAR_DAY_BOTH: { zh: '中的 {date} 不能既是放假日又是调休上班日', en: 'lists {date} both as a day off and as a working day' },
  HUB_ADDRESS_INVALID: { zh: '应为 https://主机[:端口] 形式的地址', en: 'must be an address like https://host[:port]' },
};
for (const [p, t] of Object.entries(ID_NUMBER_MESSAGES)) CATALOGUE[`ID_${p.toUpperCase()}`] = t;
for (const [p, t] of Object.entries(CREDIT_CODE_MESSAGES)) CATALOGUE[`CREDIT_${p.toUpperCase()}`] = t;

/** A catalogue text's {name} placeholders, filled from a custom issue's params (an old ID number's 18-digit form). */
function fillParams(t: Text, issue: core.$ZodIssue): Text {
  const params = issue.code === 'custom' ? (issue.params as Record<string, unknown> | undefined) : undefined;
  if (!params) return t;
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (m, k: string) => (typeof params[k] === 'string' ? params[k] : m));
  return { zh: fill(t.zh), en: fill(t.en) };
}

export function describeIssue(issue: core.$ZodIssue): Text & { code: string } {
  const cat = CATALOGUE[issue.message];
  if (cat) return { code: issue.message, ...fillParams(cat, issue) };
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array') return { code: 'TOO_FEW', zh: `至少需要 ${issue.minimum} 项`, en: `needs at least ${issue.minimum} item(s)` };
      if (issue.origin === 'string') return { code: 'REQUIRED', zh: '不能为空', en: 'is required' };
      return { code: 'TOO_SMALL', zh: `不能小于 ${issue.minimum}`, en: `must be at least ${issue.minimum}` };
    case 'too_big':
      if (issue.origin === 'string') return { code: 'TOO_LONG', zh: `不能超过 ${issue.maximum} 个字符`, en: `must be at most ${issue.maximum} characters` };
      if (issue.origin === 'array') return { code: 'TOO_MANY', zh: `最多 ${issue.maximum} 项`, en: `allows at most ${issue.maximum} item(s)` };
      return { code: 'TOO_BIG', zh: `不能大于 ${issue.maximum}`, en: `must be at most ${issue.maximum}` };
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int')
        return { code: 'NOT_A_NUMBER', zh: '应为整数或数字', en: 'must be a number' };
      return { code: 'INVALID_TYPE', zh: '格式不正确', en: `must be ${issue.expected}` };
    case 'invalid_value':
      return { code: 'INVALID_CHOICE', zh: '不是允许的选项', en: `must be one of ${issue.values.map(String).join(', ')}` };
    case 'invalid_format':
      return { code: 'INVALID_FORMAT', zh: '格式不正确', en: 'has the wrong format' };
    case 'unrecognized_keys':
      return { code: 'UNKNOWN_FIELD', zh: `包含未知字段：${issue.keys.join('、')}`, en: `has unknown fields: ${issue.keys.join(', ')}` };
    default:
      return { code: 'INVALID', zh: '不正确', en: 'is invalid' };
  }
}

export function fromZodError(e: ZodError): AppError {
  const issue = e.issues[0]!;
  const d = describeIssue(issue);
  const label = fieldLabel(issue.path);
  const field = issue.path.map(String).join('.') || undefined;
  return new AppError({ code: d.code, kind: 'validation', field, zh: `${label.zh}：${d.zh}`, en: `${label.en} ${d.en}` });
}
