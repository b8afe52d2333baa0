import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc.ts";

/** Who is signed in: `user` is null on the login page's side of the app. */
export function useSession() {
  const trpc = useTRPC();
  const me = useQuery(trpc.session.me.queryOptions(undefined, { staleTime: 60_000 }));
  return { user: me.data ?? null, isPending: me.isPending, isError: me.isError, refetch: me.refetch };
}
