import type { TMe, TPermission, TSession } from '@huifang/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api } from './api';

export const meQuery = queryOptions({
  queryKey: ['auth', 'me'],
  // answered 200 with null when no one is signed in: no 401 in the console on the sign-in page
  queryFn: async (): Promise<TMe | null> => (await api<TSession>('/auth/session')).user,
  staleTime: 60_000,
});

export function useMe(): TMe | null | undefined {
  return useQuery(meQuery).data;
}

export function useCan(): (p: TPermission | readonly TPermission[]) => boolean {
  const me = useMe();
  return (p) => {
    if (!me) return false;
    const list = typeof p === 'string' ? [p] : p;
    return list.some((x) => me.permissions.includes(x));
  };
}

/** Renders its children only for users holding one of the permissions. */
export function Can({
  permission,
  children,
}: {
  permission: TPermission | readonly TPermission[];
  children: ReactNode;
}) {
  return useCan()(permission) ? children : null;
}
