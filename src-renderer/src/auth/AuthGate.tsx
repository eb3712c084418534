/**
 * Who is using the app. Asks the api whether login is required; shows the login page until
 * someone is logged in, and again as soon as any call answers "log in first" (idle timeout,
 * account disabled). Pages read the account through `useMe()` to hide what it may not do —
 * the api refuses it anyway.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Spin } from 'antd';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { api, apiError } from '../api/client';
import type { Permission } from '@domain/permissions';
import { LoginPage } from '../pages/accounts/LoginPage';
import { followServerToday } from '../components/options';

export type AccountStatus = Awaited<ReturnType<typeof api.account.status.query>>;
export type Me = AccountStatus['me'];

const MeContext = createContext<{ me: Me; loginRequired: boolean } | null>(null);

export const STATUS_KEY = ['account.status'];
const SIGNED_OUT = new Set(['LOGIN_REQUIRED', 'SESSION_EXPIRED', 'NO_SESSION']);

export function AuthGate({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const status = useQuery({
    queryKey: STATUS_KEY,
    queryFn: async () => {
      const s = await api.account.status.query();
      // One clock: the screens' "today" is the server's (ELDERCARE_TODAY when set).
      followServerToday(s.today);
      return s;
    },
    staleTime: 60_000,
    retry: 0,
  });

  // Any call refused for want of a login sends the app back to the login page.
  useEffect(() => {
    const check = (error: unknown) => {
      if (SIGNED_OUT.has(apiError(error).code)) void qc.invalidateQueries({ queryKey: STATUS_KEY });
    };
    const q = qc.getQueryCache().subscribe((e) => {
      if (e.type === 'updated' && e.action.type === 'error' && e.query.queryKey[0] !== STATUS_KEY[0]) check(e.action.error);
    });
    const m = qc.getMutationCache().subscribe((e) => {
      if (e.type === 'updated' && e.action.type === 'error') check(e.action.error);
    });
    return () => {
      q();
      m();
    };
  }, [qc]);

  if (status.isLoading) return <Spin style={{ display: 'block', margin: 96 }} />;
  const data = status.data;
  if (!data || (data.loginRequired && data.me.anonymous)) return <LoginPage expired={data?.idleExpired ?? false} />;
  return <MeContext.Provider value={{ me: data.me, loginRequired: data.loginRequired }}>{children}</MeContext.Provider>;
}

export function useMe(): { me: Me; loginRequired: boolean; can(p: Permission): boolean } {
  const v = useContext(MeContext);
  if (!v) throw new Error('useMe outside AuthGate');
  return { ...v, can: (p) => (v.me.permissions as readonly string[]).includes(p) };
}
