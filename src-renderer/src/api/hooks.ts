/**
 * Data access for screens: react-query around the api client. Every successful write
 * refreshes every query, so the dashboard moves at once after an admission.
 */
import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useI18n } from '../i18n';
import { apiError, type ApiErrorInfo } from './client';

export { useQuery } from '@tanstack/react-query';

interface WriteOptions<TInput, TOutput> {
  /** A success message; none when omitted. */
  success?: { zh: string; en: string };
  /** Field errors go onto this form's fields, others into a message. */
  form?: FormInstance;
  onSuccess?: (data: TOutput, input: TInput) => void;
  onError?: (err: ApiErrorInfo) => void;
}

export function useWrite<TInput, TOutput>(fn: (input: TInput) => Promise<TOutput>, opts: WriteOptions<TInput, TOutput> = {}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { t, lang } = useI18n();
  const options: UseMutationOptions<TOutput, unknown, TInput> = {
    mutationFn: fn,
    onSuccess: async (data, input) => {
      await qc.invalidateQueries();
      if (opts.success) void message.success(t(opts.success));
      opts.onSuccess?.(data, input);
    },
    onError: (e) => {
      const err = apiError(e);
      const text = lang === 'zh' ? err.zh : err.en;
      const name = err.field?.split('.');
      if (opts.form && name) {
        opts.form.setFields([{ name: name.length === 1 ? name[0]! : name, errors: [text] }]);
      }
      void message.error({ content: text, key: 'api-error', duration: 6 });
      opts.onError?.(err);
    },
  };
  return useMutation(options);
}
