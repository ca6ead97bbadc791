import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link } from 'react-router';
import { showFormErrors } from '../../../components/form-errors';
import type { RegisterRequest } from '../../../api/types';
import { useRegister } from '../api/use-auth-mutations';

export const MIN_PASSWORD_LENGTH = 10;

export function RegisterForm({ onRegistered }: { onRegistered: () => void }) {
  const register = useRegister();
  const form = useForm<RegisterRequest>({
    mode: 'controlled',
    initialValues: { email: '', password: '', name: '', workspaceName: '' },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address'),
      password: (v) =>
        v.length >= MIN_PASSWORD_LENGTH ? null : `Use at least ${MIN_PASSWORD_LENGTH} characters`,
      name: (v) => (v.trim() ? null : 'Enter your name'),
      workspaceName: (v) => (v.trim() ? null : 'Enter a workspace name'),
    },
  });

  const submit = form.onSubmit((values) => {
    register.mutate(
      { ...values, email: values.email.trim(), name: values.name.trim() },
      {
        onSuccess: onRegistered,
        onError: (err) => showFormErrors(form, err, 'Could not create the account'),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Create account">
      <Stack>
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          required
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label="Password"
          description={`At least ${MIN_PASSWORD_LENGTH} characters`}
          autoComplete="new-password"
          required
          {...form.getInputProps('password')}
        />
        <TextInput label="Your name" autoComplete="name" required {...form.getInputProps('name')} />
        <TextInput
          label="Workspace name"
          autoComplete="organization"
          required
          {...form.getInputProps('workspaceName')}
        />
        <Button type="submit" loading={register.isPending} fullWidth>
          Create account
        </Button>
        <Text size="sm" ta="center">
          Already have an account?{' '}
          <Anchor component={Link} to="/login">
            Sign in
          </Anchor>
        </Text>
      </Stack>
    </form>
  );
}
