import { Center, Container, Loader } from '@mantine/core';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useEvents } from '../api/use-events';
import { AppLayout } from '../components/app-layout';
import { showApiError } from '../components/notify';
import { ErrorState } from '../components/states';
import { useLogout } from '../features/auth/api/use-auth-mutations';
import { useMe } from '../features/auth/api/use-me';
import { useUnreadConversations } from '../features/inbox/api/use-inbox';

/** Everything behind sign-in: the app shell around the page, or a redirect to /login. */
export function ProtectedLayout() {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  useEvents(Boolean(me.data));
  const unread = useUnreadConversations(Boolean(me.data));

  if (me.isPending) {
    return (
      <Center h="100vh" role="status" aria-label="Loading">
        <Loader />
      </Center>
    );
  }
  if (me.isError) {
    return (
      <Container size="sm" py="xl">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </Container>
    );
  }
  if (!me.data) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }

  const { user, workspace } = me.data;
  return (
    <AppLayout
      workspaceName={workspace.name}
      plan={workspace.plan}
      onTrial={workspace.onTrial}
      trialEndsAt={workspace.trialEndsAt}
      userName={user.name}
      userEmail={user.email}
      counts={{ '/inbox': unread.data?.conversations }}
      onSignOut={() =>
        logout.mutate(undefined, {
          onError: (err) => showApiError(err, 'Sign out failed on the server'),
          onSettled: () => void navigate('/login', { replace: true }),
        })
      }
    >
      <Outlet />
    </AppLayout>
  );
}
