import type { AppRouter } from "@koe/api";
import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

export function createClients() {
  return {
    queryClient: new QueryClient({ defaultOptions: { queries: { staleTime: 5_000 } } }),
    trpcClient: createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/trpc" })] }),
  };
}
