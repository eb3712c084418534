/** An antd DatePicker that reads and writes ISO date strings (YYYY-MM-DD), the app's one date format. */
import { DatePicker } from 'antd';
import dayjs from 'dayjs';

export function DateField({ value, onChange, testId, disabled, allowClear = false }: { value?: string | null; onChange?: (v: string | null) => void; testId?: string; disabled?: boolean; allowClear?: boolean }) {
  return (
    <DatePicker
      value={value ? dayjs(value, 'YYYY-MM-DD') : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
      format="YYYY-MM-DD"
      allowClear={allowClear}
      disabled={disabled}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}
