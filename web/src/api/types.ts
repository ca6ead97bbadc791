// The one place that names generated types. When the server's OpenAPI document renames a schema,
// only this file changes.
import type { paths } from './schema';

// Tolerant of how the server documents things: 200 or 201, application/json or */*.
type Body<R> = R extends { content: infer C } ? C[keyof C] : never;
type Responses<O> = O extends { responses: infer R } ? R : never;
type Success<O> = Responses<O>[Extract<keyof Responses<O>, 200 | 201 | '200' | '201'>];
// springdoc may declare `data` nullable; it is null only for answers that never carry data.
type Present<D> = [NonNullable<D>] extends [never] ? null : NonNullable<D>;
type DataOf<O> = Body<Success<O>> extends { data?: infer D } ? Present<D> : never;
type ItemOf<O> = DataOf<O> extends { items?: (infer I)[] } ? I : never;
type RequestOf<O> = O extends { requestBody?: infer B } ? Body<NonNullable<B>> : never;

export type Me = DataOf<paths['/api/v1/auth/me']['get']>;
export type User = Me['user'];
export type Workspace = DataOf<paths['/api/v1/workspace']['get']>;
export type Plan = Workspace['plan'];
export type Member = ItemOf<paths['/api/v1/workspace/members']['get']>;
export type Role = Member['role'];
export type ApiKey = ItemOf<paths['/api/v1/api-keys']['get']>;
export type CreatedApiKey = DataOf<paths['/api/v1/api-keys']['post']>;
export type Channel = ItemOf<paths['/api/v1/channels']['get']>;
export type ChannelProvider = Channel['provider'];
export type ChannelStatus = Channel['status'];

export type AnalyticsDashboard = DataOf<paths['/api/v1/analytics/dashboard']['get']>;
export type AnalyticsActivity = AnalyticsDashboard['recentActivity'][number];
export type MessageCounts = AnalyticsDashboard['last7Days'];
export type AnalyticsMessageSeries = DataOf<paths['/api/v1/analytics/messages']['get']>;
export type AnalyticsDay = AnalyticsMessageSeries['days'][number];
export type AnalyticsChannelTotal = AnalyticsMessageSeries['byChannel'][number];
export type AnalyticsUsage = DataOf<paths['/api/v1/analytics/usage']['get']>;
export type AnalyticsCounter = AnalyticsUsage['counters'][number];
export type AnalyticsMonth = AnalyticsUsage['months'][number];

export type RegisterRequest = RequestOf<paths['/api/v1/auth/register']['post']>;
export type LoginRequest = RequestOf<paths['/api/v1/auth/login']['post']>;
export type UpdateWorkspaceRequest = RequestOf<paths['/api/v1/workspace']['patch']>;
export type CreateMemberRequest = RequestOf<paths['/api/v1/workspace/members']['post']>;
export type UpdateMemberRoleRequest = RequestOf<
  paths['/api/v1/workspace/members/{userId}']['patch']
>;
export type CreateApiKeyRequest = RequestOf<paths['/api/v1/api-keys']['post']>;
export type CreateChannelRequest = RequestOf<paths['/api/v1/channels']['post']>;
export type UpdateChannelRequest = RequestOf<paths['/api/v1/channels/{id}']['patch']>;

export const ROLES: readonly Role[] = ['owner', 'admin', 'agent'];

export type Message = ItemOf<paths['/api/v1/messages']['get']>;
export type MessagePage = DataOf<paths['/api/v1/messages']['get']>;
export type SendMessageRequest = RequestOf<paths['/api/v1/messages']['post']>;
export type ContactRef = DataOf<paths['/api/v1/contacts/{id}']['get']>;
export type SandboxDelivery = ItemOf<paths['/api/v1/channels/{id}/sandbox/deliveries']['get']>;
export type SandboxInboundRequest = RequestOf<
  paths['/api/v1/channels/{id}/sandbox/inbound']['post']
>;

export type Contact = DataOf<paths['/api/v1/contacts/{id}']['get']>;
export type ContactPage = DataOf<paths['/api/v1/contacts']['get']>;
export type ContactSort = NonNullable<
  NonNullable<paths['/api/v1/contacts']['get']['parameters']['query']>['sort']
>;
export type CreateContactRequest = RequestOf<paths['/api/v1/contacts']['post']>;
export type UpdateContactRequest = RequestOf<paths['/api/v1/contacts/{id}']['patch']>;
export type BulkDeleteRequest = RequestOf<paths['/api/v1/contacts/bulk-delete']['post']>;
export type Audience = ItemOf<paths['/api/v1/audiences']['get']>;
export type AudienceFilter = Audience['filter'];
export type SaveAudienceRequest = RequestOf<paths['/api/v1/audiences']['post']>;

export type Template = DataOf<paths['/api/v1/templates/{id}']['get']>;
export type TemplatePage = DataOf<paths['/api/v1/templates']['get']>;
export type TemplateCategory = Template['category'];
export type SaveTemplateRequest = RequestOf<paths['/api/v1/templates']['post']>;
export type RenderTemplateRequest = RequestOf<paths['/api/v1/templates/render']['post']>;
export type TemplatePreview = DataOf<paths['/api/v1/templates/render']['post']>;
export type SpinAvailability = DataOf<paths['/api/v1/templates/spin/availability']['get']>;
export type SpinRequest = RequestOf<paths['/api/v1/templates/spin']['post']>;
export type SpinResult = DataOf<paths['/api/v1/templates/spin']['post']>;
export type SpinRejection = SpinResult['rejected'][number];
export type ContactListItem = ItemOf<paths['/api/v1/contacts']['get']>;
export type ContactImport = DataOf<paths['/api/v1/contacts/imports/{id}']['get']>;
export type ContactImportPage = DataOf<paths['/api/v1/contacts/imports']['get']>;
export type ImportPreview = DataOf<paths['/api/v1/contacts/imports/preview']['post']>;
export type ImportPreviewRow = ImportPreview['rows'][number];
export type ColumnMapping = ImportPreview['mapping'][number];
export type ColumnTarget = ColumnMapping['target'];
/** One element of the `mapping` JSON parameter (the server's MappingCmd). */
export type MappingCmd = Pick<ColumnMapping, 'index' | 'target' | 'attributeKey'>;

export type Campaign = DataOf<paths['/api/v1/campaigns/{id}']['get']>;
export type CampaignPage = DataOf<paths['/api/v1/campaigns']['get']>;
export type CampaignStatus = Campaign['status'];
export type CampaignCounts = Campaign['counts'];
export type CampaignListStatus = NonNullable<
  NonNullable<paths['/api/v1/campaigns']['get']['parameters']['query']>['status']
>;
export type SaveCampaignRequest = RequestOf<paths['/api/v1/campaigns']['post']>;
export type CampaignAudienceKind = SaveCampaignRequest['audience']['kind'];
export type CampaignPacingRequest = NonNullable<SaveCampaignRequest['pacing']>;
export type CampaignSendWindowRequest = NonNullable<CampaignPacingRequest['window']>;
export type CampaignWeekday = CampaignSendWindowRequest['days'][number];
export type CampaignRecipient = ItemOf<paths['/api/v1/campaigns/{id}/recipients']['get']>;
export type CampaignRecipientPage = DataOf<paths['/api/v1/campaigns/{id}/recipients']['get']>;

export type Conversation = ItemOf<paths['/api/v1/inbox/conversations']['get']>;
export type ConversationPage = DataOf<paths['/api/v1/inbox/conversations']['get']>;
export type ConversationLastMessage = NonNullable<Conversation['lastMessage']>;
export type ConversationStatus = Conversation['status'];
export type ConversationDetail = DataOf<paths['/api/v1/inbox/conversations/{contactId}']['get']>;
export type ServiceWindow = ConversationDetail['window'];
export type ReplyChannel = NonNullable<ConversationDetail['replyChannel']>;
export type UpdateConversationRequest = RequestOf<
  paths['/api/v1/inbox/conversations/{contactId}']['patch']
>;
export type ThreadMessage = ItemOf<
  paths['/api/v1/inbox/conversations/{contactId}/messages']['get']
>;
export type ThreadPage = DataOf<paths['/api/v1/inbox/conversations/{contactId}/messages']['get']>;
export type ReplyRequest = RequestOf<
  paths['/api/v1/inbox/conversations/{contactId}/reply']['post']
>;
export type InboxUnread = DataOf<paths['/api/v1/inbox/unread']['get']>;

export type AgentAvailability = DataOf<paths['/api/v1/agents/availability']['get']>;
export type Agent = DataOf<paths['/api/v1/agents/{id}']['get']>;
export type SaveAgentRequest = RequestOf<paths['/api/v1/agents']['post']>;
export type AgentChatRequest = RequestOf<paths['/api/v1/agents/{id}/chat']['post']>;
export type AgentChatTurn = AgentChatRequest['messages'][number];
export type AgentChatReply = DataOf<paths['/api/v1/agents/{id}/chat']['post']>;
export type AgentToolCall = AgentChatReply['toolCalls'][number];
export type AgentReply = ItemOf<paths['/api/v1/agents/activity']['get']>;
export type AgentReplyPage = DataOf<paths['/api/v1/agents/activity']['get']>;
export type ConversationAgentState = DataOf<
  paths['/api/v1/agents/conversations/{contactId}']['get']
>;
export type ContactFact = DataOf<paths['/api/v1/contacts/{contactId}/facts']['get']>[number];
export type SaveFactRequest = RequestOf<paths['/api/v1/contacts/{contactId}/facts']['post']>;

export type BackupsOverview = DataOf<paths['/api/v1/backups']['get']>;
export type Backup = DataOf<paths['/api/v1/backups/{id}']['get']>;
export type DriveLink = BackupsOverview['drive'];
export type BackupSettings = BackupsOverview['settings'];
export type SaveBackupSettingsRequest = RequestOf<paths['/api/v1/backups/settings']['put']>;
export type DriveFile = DataOf<paths['/api/v1/backups/drive-files']['get']>[number];
