/** A county select that can be searched by typing (the shared CountySelect cannot). */
import { Select } from 'antd';
import { useCounties } from '../../components/CountySelect';

export function CountyField(props: { value?: string | string[] | null; onChange?: (v: never) => void; multiple?: boolean; placeholder?: string; testId?: string; allowClear?: boolean; style?: React.CSSProperties; id?: string }) {
  const counties = useCounties();
  return (
    <Select
      id={props.id}
      mode={props.multiple ? 'multiple' : undefined}
      value={(props.value ?? undefined) as never}
      onChange={props.onChange}
      placeholder={props.placeholder}
      allowClear={props.allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      loading={counties.isLoading}
      style={props.style ?? { minWidth: 180 }}
      data-testid={props.testId}
      options={(counties.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
      maxTagCount="responsive"
    />
  );
}
