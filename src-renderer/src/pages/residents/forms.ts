import type { FormInstance } from 'antd';

/** The form's values when valid; null (the fields show why) when not — never an unhandled rejection. */
export async function tryValidate<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}
