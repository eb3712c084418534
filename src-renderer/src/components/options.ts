/** Select options and small formatters shared by screens, built from the domain's labelled enums. */
import type { Labelled } from '@domain/enums';

export function enumOptions<K extends string>(map: Record<K, Labelled>, t: (l: Labelled) => string): Array<{ value: K; label: string }> {
  return (Object.keys(map) as K[]).map((value) => ({ value, label: t(map[value]) }));
}

export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function lastMonthEnd(): string {
  const d = new Date();
  const end = new Date(d.getFullYear(), d.getMonth(), 0);
  return `${end.getFullYear()}-${String(end.getMonth() + 1).padStart(2, '0')}-${String(end.getDate()).padStart(2, '0')}`;
}
