/** A month to report on (YYYY-MM), up to the current month: 月报 and 报送情况. */
import { DatePicker, Space } from 'antd';
import dayjs from 'dayjs';
import { todayIso } from './options';

export function MonthField({ label, month, onChange, testId }: { label: string; month: string; onChange: (month: string) => void; testId: string }) {
  return (
    <Space>
      <span>{label}</span>
      <DatePicker
        picker="month"
        allowClear={false}
        value={dayjs(`${month}-01`)}
        format="YYYY-MM"
        disabledDate={(d) => d.isAfter(dayjs(todayIso()), 'month')}
        onChange={(d) => d && onChange(d.format('YYYY-MM'))}
        data-testid={testId}
        style={{ width: 130 }}
      />
    </Space>
  );
}
