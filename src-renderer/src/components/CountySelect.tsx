import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { api } from '../api/client';

/** The county list, fetched once per session (also by code that awaits it: queryClient.ensureQueryData). */
export const COUNTIES_QUERY = { queryKey: ['region.counties'], queryFn: () => api.region.counties.query(), staleTime: Infinity };

export function useCounties() {
  return useQuery(COUNTIES_QUERY);
}

/** The counties of the home city; multiple for filters, single for forms. */
export function CountySelect(props: { value?: string | string[]; onChange?: (v: never) => void; multiple?: boolean; placeholder?: string; testId?: string; allowClear?: boolean; style?: React.CSSProperties }) {
  const counties = useCounties();
  return (
    <Select
      mode={props.multiple ? 'multiple' : undefined}
      value={props.value as never}
      onChange={props.onChange}
      placeholder={props.placeholder}
      allowClear={props.allowClear}
      style={props.style ?? { minWidth: 180 }}
      data-testid={props.testId}
      options={(counties.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
      maxTagCount="responsive"
    />
  );
}
