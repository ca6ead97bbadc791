import { Center, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { LoginForm } from '../features/auth/components/login-form';
import { RegisterForm } from '../features/auth/components/register-form';
import { useMe } from '../features/auth/api/use-me';

function AuthFrame({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle: string;
  children: ReactNode;
}) {
  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <Stack gap="lg">
          <div>
            <Text fw={700} c="teal.7">
              WhatsDeX
            </Text>
            <Title order={2}>{title}</Title>
            <Text c="dimmed" size="sm">
              {subtitle}
            </Text>
          </div>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}

function useRedirectTarget(): string {
  const location = useLocation();
  const from = (location.state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

export function LoginPage() {
  const me = useMe();
  const navigate = useNavigate();
  const target = useRedirectTarget();
  if (me.isPending)
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  if (me.data) return <Navigate to={target} replace />;
  return (
    <AuthFrame title="Sign in" subtitle="Welcome back to your workspace.">
      <LoginForm onSignedIn={() => void navigate(target, { replace: true })} />
    </AuthFrame>
  );
}

export function RegisterPage() {
  const me = useMe();
  const navigate = useNavigate();
  if (me.isPending)
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  if (me.data) return <Navigate to="/" replace />;
  return (
    <AuthFrame
      title="Create your workspace"
      subtitle="Start a free trial. No WhatsApp account needed to try it: use the sandbox."
    >
      <RegisterForm onRegistered={() => void navigate('/', { replace: true })} />
    </AuthFrame>
  );
}
