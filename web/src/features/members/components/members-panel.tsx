import {
  Badge,
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { ROLES, type CreateMemberRequest, type Member, type Role } from '../../../api/types';
import { formatDate } from '../../../components/format';
import { showFormErrors } from '../../../components/form-errors';
import { showApiError, showSuccess } from '../../../components/notify';
import { EmptyState, ErrorState } from '../../../components/states';
import { useAddMember, useChangeMemberRole, useMembers, useRemoveMember } from '../api/use-members';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: r[0]!.toUpperCase() + r.slice(1) }));

export interface MembersPanelProps {
  currentUserId: string;
  currentUserRole: Role;
}

export function MembersPanel({ currentUserId, currentUserRole }: MembersPanelProps) {
  const members = useMembers();
  const canManage = currentUserRole === 'owner' || currentUserRole === 'admin';
  const [addOpened, addModal] = useDisclosure(false);
  const [removing, setRemoving] = useState<Member | null>(null);

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {canManage
            ? 'People who can sign in to this workspace.'
            : 'People who can sign in to this workspace. Only owners and admins can change the team.'}
        </Text>
        {canManage && <Button onClick={addModal.open}>Add member</Button>}
      </Group>

      {members.isPending ? (
        <Stack gap="xs" data-testid="members-loading">
          <Skeleton h={36} />
          <Skeleton h={36} />
          <Skeleton h={36} />
        </Stack>
      ) : members.isError ? (
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      ) : members.data.items.length === 0 ? (
        <EmptyState title="No members yet" />
      ) : (
        <Table striped highlightOnHover aria-label="Team members">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Added</Table.Th>
              {canManage && <Table.Th aria-label="Actions" />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.data.items.map((m) => (
              <MemberRow
                key={m.userId}
                member={m}
                isSelf={m.userId === currentUserId}
                canManage={canManage}
                onRemove={() => setRemoving(m)}
              />
            ))}
          </Table.Tbody>
        </Table>
      )}

      <Modal opened={addOpened} onClose={addModal.close} title="Add a team member">
        <AddMemberForm onDone={addModal.close} />
      </Modal>
      <RemoveMemberModal member={removing} onClose={() => setRemoving(null)} />
    </Stack>
  );
}

function MemberRow({
  member,
  isSelf,
  canManage,
  onRemove,
}: {
  member: Member;
  isSelf: boolean;
  canManage: boolean;
  onRemove: () => void;
}) {
  const changeRole = useChangeMemberRole();
  const editable = canManage && !isSelf;
  return (
    <Table.Tr>
      <Table.Td>
        {member.name}
        {isSelf && (
          <Badge ml="xs" size="xs" variant="outline">
            You
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{member.email}</Table.Td>
      <Table.Td>
        {editable ? (
          <Select
            aria-label={`Role of ${member.email}`}
            data={ROLE_OPTIONS}
            value={member.role}
            allowDeselect={false}
            disabled={changeRole.isPending}
            w={130}
            size="xs"
            onChange={(value) => {
              if (!value || value === member.role) return;
              changeRole.mutate(
                { userId: member.userId, role: value as Role },
                {
                  onSuccess: () => showSuccess(`${member.name} is now ${value}`),
                  onError: (err) => showApiError(err, 'Could not change the role'),
                },
              );
            }}
          />
        ) : (
          <Badge variant="light" tt="capitalize">
            {member.role}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{formatDate(member.createdAt)}</Table.Td>
      {canManage && (
        <Table.Td>
          {editable && (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={onRemove}
              aria-label={`Remove ${member.email}`}
            >
              Remove
            </Button>
          )}
        </Table.Td>
      )}
    </Table.Tr>
  );
}

function AddMemberForm({ onDone }: { onDone: () => void }) {
  const add = useAddMember();
  const form = useForm<CreateMemberRequest>({
    mode: 'controlled',
    initialValues: { email: '', name: '', role: 'agent', password: '' },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address'),
      name: (v) => (v.trim() ? null : 'Enter a name'),
      password: (v) => (v.length >= 10 ? null : 'Use at least 10 characters'),
    },
  });
  const submit = form.onSubmit((values) =>
    add.mutate(
      { ...values, email: values.email.trim(), name: values.name.trim() },
      {
        onSuccess: (member) => {
          showSuccess(`${member.name} can now sign in`, 'Member added');
          onDone();
        },
        onError: (err) => showFormErrors(form, err, 'Could not add the member'),
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Add member">
      <Stack>
        <TextInput label="Email" type="email" required {...form.getInputProps('email')} />
        <TextInput label="Name" required {...form.getInputProps('name')} />
        <Select
          label="Role"
          data={ROLE_OPTIONS}
          allowDeselect={false}
          {...form.getInputProps('role')}
        />
        <PasswordInput
          label="Initial password"
          description="At least 10 characters; share it with them securely"
          required
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={add.isPending}>
            Add member
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RemoveMemberModal({ member, onClose }: { member: Member | null; onClose: () => void }) {
  const remove = useRemoveMember();
  return (
    <Modal opened={member !== null} onClose={onClose} title="Remove member?">
      <Stack>
        <Text size="sm">
          {member?.name} ({member?.email}) will no longer be able to sign in to this workspace.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => {
              if (!member) return;
              remove.mutate(member.userId, {
                onSuccess: () => {
                  showSuccess(`${member.name} was removed`);
                  onClose();
                },
                onError: (err) => showApiError(err, 'Could not remove the member'),
              });
            }}
          >
            Remove
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
