import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';

import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ensureCsrfCookie } from './api/client';
import { ApiError, isUnauthenticated } from './api/errors';
import { createAppRouter, PUBLIC_PATHS } from './routes/router';
import { theme } from './theme';

const router = createAppRouter();

// A 401 anywhere means the session is gone: forget the user and go to the sign-in page.
// On the sign-in and register pages a 401 is just a wrong password, shown by the form.
function onApiError(err: unknown) {
  if (!isUnauthenticated(err)) return;
  const path = router.state.location.pathname;
  if (PUBLIC_PATHS.includes(path)) return;
  queryClient.setQueryData(['me'], null);
  void router.navigate('/login', { replace: true, state: { from: path } });
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      // Retry only what may be transient: unreachable server or a 5xx answer.
      retry: (failureCount, err) =>
        failureCount < 2 && (!(err instanceof ApiError) || err.status === 0 || err.status >= 500),
      refetchOnWindowFocus: true,
    },
  },
});

void ensureCsrfCookie();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
