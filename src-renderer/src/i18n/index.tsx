/**
 * Two languages, zh-CN first. Every text is a { zh, en } pair defined beside the screen that
 * shows it (shared ones in common.ts), the same shape the domain labels already have
 * (enums.ts) — so no i18n framework and no key files to keep in step. The choice persists
 * in localStorage.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Labelled } from '@domain/enums';

export type Lang = 'zh' | 'en';
const STORAGE_KEY = 'eldercare.lang';

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** A text in the current language, with {name} placeholders filled. */
  t(text: Labelled | undefined, vars?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // storage unavailable: the choice lasts for this session
    }
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (text, vars) => {
        if (!text) return '';
        let s: string = text[lang];
        if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
        return s;
      },
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
