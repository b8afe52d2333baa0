import type { AppRouter } from "@koe/api";
import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchStreamLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

export function createClients() {
  return {
    queryClient: new QueryClient({ defaultOptions: { queries: { staleTime: 5_000 } } }),
    trpcClient: createTRPCClient<AppRouter>({
      links: [
        // Live monitoring over SSE; the link resends the last tracked id when it reconnects.
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url: "/trpc" }),
          false: httpBatchStreamLink({ url: "/trpc" }),
        }),
      ],
    }),
  };
}
