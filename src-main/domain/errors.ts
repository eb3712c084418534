/**
 * Errors a user can cause are expected results: a stable code, the field it concerns,
 * and a message in zh-CN and en. Every surface (UI, CLI, HTTP) shows the same text.
 */
/** 'storage': the disk is full, the file read-only, a file-size limit reached (nothing was saved). */
export type ErrorKind = 'validation' | 'conflict' | 'not_found' | 'forbidden' | 'internal' | 'storage';

export interface AppErrorData {
  code: string;
  kind: ErrorKind;
  field?: string;
  zh: string;
  en: string;
  /** The record the refusal is about, for an account that may see it (e.g. the resident already holding an ID number). */
  ref?: { entity: 'resident'; id: number; name: string };
}

export class AppError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly field: string | undefined;
  readonly zh: string;
  readonly en: string;
  readonly ref: AppErrorData['ref'];

  constructor(data: AppErrorData) {
    super(`${data.code}${data.field ? ` [${data.field}]` : ''}: ${data.en}`);
    this.name = 'AppError';
    this.code = data.code;
    this.kind = data.kind;
    this.field = data.field;
    this.zh = data.zh;
    this.en = data.en;
    this.ref = data.ref;
  }

  toJSON(): AppErrorData {
    return { code: this.code, kind: this.kind, field: this.field, zh: this.zh, en: this.en, ...(this.ref ? { ref: this.ref } : {}) };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Shorthands used across services. */
export const fail = {
  validation(code: string, field: string | undefined, zh: string, en: string): never {
    throw new AppError({ code, kind: 'validation', field, zh, en });
  },
  conflict(code: string, field: string | undefined, zh: string, en: string): never {
    throw new AppError({ code, kind: 'conflict', field, zh, en });
  },
  notFound(entity: { zh: string; en: string }, id: number | string, field?: string): never {
    throw new AppError({
      code: 'NOT_FOUND',
      kind: 'not_found',
      field,
      zh: `${entity.zh}不存在（${id}）`,
      en: `${entity.en} not found (${id})`,
    });
  },
  forbidden(zh: string, en: string): never {
    throw new AppError({ code: 'FORBIDDEN', kind: 'forbidden', zh, en });
  },
};
