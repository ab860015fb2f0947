/** Session: who is logged in (GET /auth/me), login and logout; keeps the CSRF token for writes. */
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, ok, onUnauthenticated, setCsrfToken } from './client';
import { qk, type User } from './types';

interface Session {
  user: User | null;
  loading: boolean;
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
}
const SessionContext = createContext<Session | null>(null);

/** Loads the current user once and provides `useSession()`. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const me = useQuery({
    queryKey: qk.me,
    queryFn: async () => {
      try {
        const res = await ok(api.GET('/api/v1/auth/me'));
        setCsrfToken(res.csrfToken);
        return res.user;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
  useEffect(() => onUnauthenticated(() => client.setQueryData(qk.me, null)), [client]);

  const value: Session = {
    user: me.data ?? null,
    loading: me.isLoading,
    async login(username, password) {
      const res = await ok(api.POST('/api/v1/auth/login', { body: { username, password } }));
      setCsrfToken(res.csrfToken);
      // Drop another user's cached data, but keep the `me` query its observers are attached to.
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      client.setQueryData(qk.me, res.user);
      return res.user;
    },
    async logout() {
      try {
        await api.POST('/api/v1/auth/logout');
      } finally {
        setCsrfToken(null);
        client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
        client.setQueryData(qk.me, null);
      }
    },
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The current session; throws when used outside SessionProvider. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession must be used inside SessionProvider');
  return s;
}
