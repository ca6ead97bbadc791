import { createBrowserRouter, type RouteObject } from 'react-router';
import { LoginPage, RegisterPage } from './auth-pages';
import { ChannelPage } from './channel-page';
import { ChannelsPage } from './channels-page';
import { DashboardPage } from './dashboard-page';
import { NotFoundPage } from './not-found-page';
import { AgentPage, AgentsPage } from './agents-page';
import { AudiencesPage } from './audiences-page';
import { ContactPage } from './contact-page';
import { ContactsImportPage } from './contacts-import-page';
import { ContactsPage } from './contacts-page';
import { CampaignEditPage, CampaignPage } from './campaign-page';
import { CampaignsPage } from './campaigns-page';
import { InboxPage } from './inbox-page';
import { ProtectedLayout } from './protected-layout';
import { TemplatePage } from './template-page';
import { TemplatesPage } from './templates-page';
import { UsagePage } from './usage-page';
import {
  ApiKeysSettingsPage,
  BackupsSettingsPage,
  MembersSettingsPage,
  SettingsLayout,
  WorkspaceSettingsPage,
} from './settings-pages';

export const PUBLIC_PATHS = ['/login', '/register'];

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/register', element: <RegisterPage /> },
  {
    path: '/',
    element: <ProtectedLayout />,
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'inbox', element: <InboxPage /> },
      { path: 'inbox/:contactId', element: <InboxPage /> },
      { path: 'contacts', element: <ContactsPage /> },
      { path: 'contacts/import', element: <ContactsImportPage /> },
      { path: 'contacts/:contactId', element: <ContactPage /> },
      { path: 'audiences', element: <AudiencesPage /> },
      { path: 'campaigns', element: <CampaignsPage /> },
      { path: 'campaigns/:campaignId', element: <CampaignPage /> },
      { path: 'campaigns/:campaignId/edit', element: <CampaignEditPage /> },
      { path: 'templates', element: <TemplatesPage /> },
      { path: 'templates/:templateId', element: <TemplatePage /> },
      { path: 'channels', element: <ChannelsPage /> },
      { path: 'channels/:channelId', element: <ChannelPage /> },
      { path: 'agents', element: <AgentsPage /> },
      { path: 'agents/:agentId', element: <AgentPage /> },
      { path: 'usage', element: <UsagePage /> },
      {
        path: 'settings',
        element: <SettingsLayout />,
        children: [
          { index: true, element: <WorkspaceSettingsPage /> },
          { path: 'members', element: <MembersSettingsPage /> },
          { path: 'api-keys', element: <ApiKeysSettingsPage /> },
          { path: 'backups', element: <BackupsSettingsPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
