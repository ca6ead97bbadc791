import { Stack, Tabs, Title } from '@mantine/core';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useMe } from '../features/auth/api/use-me';
import { ApiKeysPanel } from '../features/api-keys/components/api-keys-panel';
import { BackupsPanel } from '../features/backups/components/backups-panel';
import { MembersPanel } from '../features/members/components/members-panel';
import { WorkspaceSettings } from '../features/workspace/components/workspace-settings-form';

const TABS = [
  { value: '/settings', label: 'Workspace' },
  { value: '/settings/members', label: 'Team members' },
  { value: '/settings/api-keys', label: 'API keys' },
  { value: '/settings/backups', label: 'Backups' },
];

export function SettingsLayout() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const active = TABS.find((t) => t.value === pathname.replace(/\/$/, ''))?.value ?? '/settings';
  return (
    <Stack gap="lg">
      <Title order={2}>Settings</Title>
      <Tabs value={active} onChange={(value) => value && void navigate(value)}>
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Stack>
  );
}

function useIsManager() {
  const role = useMe().data?.user.role;
  return role === 'owner' || role === 'admin';
}

export function WorkspaceSettingsPage() {
  return <WorkspaceSettings canEdit={useIsManager()} />;
}

export function MembersSettingsPage() {
  const user = useMe().data?.user;
  if (!user) return null;
  return <MembersPanel currentUserId={user.id} currentUserRole={user.role} />;
}

export function ApiKeysSettingsPage() {
  return <ApiKeysPanel canManage={useIsManager()} />;
}

export function BackupsSettingsPage() {
  return <BackupsPanel canManage={useIsManager()} />;
}
