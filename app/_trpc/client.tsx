'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { useState, type ReactNode } from 'react';
import superjson from 'superjson';
import type { AppRouter } from '#server/api/root';

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Mappings and samples change rarely and only through this app; refetching on every focus is noise.
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx (unknown mapping, bad input) will not heal by asking again.
        retry: (count, error) => count < 2 && !/^4\d\d$/.test(String((error as { data?: { httpStatus?: number } }).data?.httpStatus ?? '')),
      },
    },
  });
}

/** One query client and tRPC client per browser tab (created lazily so server rendering never shares them). */
export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: '/api/trpc', transformer: superjson, maxURLLength: 2000 })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
