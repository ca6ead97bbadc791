import {
  AppShell,
  Avatar,
  Badge,
  Burger,
  Group,
  Menu,
  NavLink,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { NavLink as RouterNavLink, useLocation } from 'react-router';
import { daysUntil } from './format';

export const NAV_LINKS = [
  { to: '/', label: 'Dashboard' },
  { to: '/inbox', label: 'Inbox' },
  { to: '/contacts', label: 'Contacts' },
  { to: '/audiences', label: 'Audiences' },
  { to: '/campaigns', label: 'Campaigns' },
  { to: '/templates', label: 'Templates' },
  { to: '/channels', label: 'Channels' },
  { to: '/agents', label: 'Agents' },
  { to: '/usage', label: 'Usage' },
  { to: '/settings', label: 'Settings' },
] as const;

export interface AppLayoutProps {
  workspaceName: string;
  plan: string;
  onTrial: boolean;
  trialEndsAt: string | null;
  userName: string;
  userEmail: string;
  onSignOut: () => void;
  /** counts shown beside navigation links, by path (e.g. unread conversations on /inbox) */
  counts?: Partial<Record<string, number>>;
  children: ReactNode;
}

export function AppLayout(props: AppLayoutProps) {
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  const trialDays = props.onTrial ? daysUntil(props.trialEndsAt) : undefined;

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <Title order={4} c="teal.7">
              WhatsDeX
            </Title>
            <Text fw={600} truncate data-testid="workspace-name">
              {props.workspaceName}
            </Text>
            <Badge variant="light" tt="capitalize" aria-label={`Plan: ${props.plan}`}>
              {props.plan}
            </Badge>
            {props.onTrial && (
              <Badge color="orange" variant="light">
                {trialDays === undefined
                  ? 'Trial'
                  : `Trial: ${trialDays} ${trialDays === 1 ? 'day' : 'days'} left`}
              </Badge>
            )}
          </Group>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <UnstyledButton aria-label="User menu">
                <Group gap="xs" wrap="nowrap">
                  <Avatar radius="xl" size="sm" color="teal">
                    {initials(props.userName)}
                  </Avatar>
                  <Text size="sm" visibleFrom="sm">
                    {props.userName}
                  </Text>
                </Group>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{props.userEmail}</Menu.Label>
              <Menu.Item onClick={props.onSignOut}>Sign out</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        {NAV_LINKS.map((link) => {
          const count = props.counts?.[link.to] ?? 0;
          return (
            <NavLink
              key={link.to}
              component={RouterNavLink}
              to={link.to}
              end={link.to === '/'}
              label={link.label}
              active={
                link.to === '/'
                  ? pathname === '/'
                  : pathname === link.to || pathname.startsWith(`${link.to}/`)
              }
              onClick={close}
              rightSection={
                count > 0 ? (
                  <Badge size="sm" color="teal" circle={count < 10} aria-label={`${count} unread`}>
                    {count > 99 ? '99+' : count}
                  </Badge>
                ) : undefined
              }
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main>{props.children}</AppShell.Main>
    </AppShell>
  );
}

function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((p) => p[0]?.toUpperCase())
      .join('') || '?'
  );
}
