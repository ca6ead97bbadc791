import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Loader,
  MultiSelect,
  NumberInput,
  Paper,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorMessage, fieldErrors } from '../../../api/errors';
import type { Campaign } from '../../../api/types';
import { useContactOptions } from '../../../api/use-contact-options';
import { showFormErrors } from '../../../components/form-errors';
import { showApiError, showSuccess } from '../../../components/notify';
import {
  useAudienceOptions,
  useCampaignAction,
  useChannelOptions,
  useContactTotal,
  useCreateCampaign,
  useMessagePreview,
  useTaggedCount,
  useUpdateCampaign,
  useTemplateOptions,
  useWorkspaceTimeZone,
} from '../api/use-campaigns';
import {
  fromCampaign,
  initialValues,
  MAX_VARIANTS,
  stepOfField,
  toRequest,
  validateStep,
  WEEKDAYS,
  type WizardValues,
} from './campaign-request';
import { isUpgradeRequired, UpgradeNotice } from './upgrade-notice';

export const PREVIEW_DEBOUNCE_MS = 400;
const STEPS = ['Audience', 'Message', 'Channels and pacing', 'Schedule', 'Review'];
const REVIEW = STEPS.length - 1;

type Form = ReturnType<typeof useForm<WizardValues>>;

function AudienceStep({ form }: { form: Form }) {
  const { kind, audienceId, tags, tagMatch } = form.values.audience;
  const audiences = useAudienceOptions();
  const total = useContactTotal(kind === 'all');
  const tagged = useTaggedCount(tags, kind === 'tags' && tagMatch === 'any');
  const [contactSearch, setContactSearch] = useState('');
  const [search] = useDebouncedValue(contactSearch, 300);
  const contacts = useContactOptions(kind === 'contacts' ? search : '');
  const [picked, setPicked] = useState<Record<string, string>>({});
  const options = [
    ...Object.entries(picked).map(([value, label]) => ({ value, label })),
    ...(contacts.data?.items ?? [])
      .filter((c) => !(c.id in picked))
      .map((c) => ({ value: c.id, label: c.name ? `${c.name} (${c.phone})` : c.phone })),
  ];
  const audience = audiences.data?.items.find((a) => a.id === audienceId);

  const count: ReactNode =
    kind === 'all' ? (
      total.isPending ? (
        <Loader size="xs" />
      ) : (
        (total.data?.count ?? '—')
      )
    ) : kind === 'audience' ? (
      (audience?.count ?? null)
    ) : kind === 'tags' ? (
      tags.length === 0 ? null : tagMatch === 'any' ? (
        tagged.isPending ? (
          <Loader size="xs" />
        ) : (
          (tagged.data?.count ?? '—')
        )
      ) : (
        'counted when the campaign starts'
      )
    ) : (
      form.values.audience.contactIds.length
    );

  return (
    <Stack>
      <TextInput
        label="Campaign name"
        placeholder="December promo"
        withAsterisk
        {...form.getInputProps('name')}
      />
      <Radio.Group label="Who gets it" {...form.getInputProps('audience.kind')}>
        <Group mt="xs">
          <Radio value="all" label="All contacts" />
          <Radio value="audience" label="A saved audience" />
          <Radio value="tags" label="Contacts with tags" />
          <Radio value="contacts" label="Chosen contacts" />
        </Group>
      </Radio.Group>
      {kind === 'audience' && (
        <Select
          label="Audience"
          placeholder={audiences.isPending ? 'Loading…' : 'Pick an audience'}
          description={
            <>
              Audiences filter contacts by tags and fields;{' '}
              <Anchor component={Link} to="/audiences" size="xs">
                manage audiences
              </Anchor>
            </>
          }
          data={(audiences.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
          searchable
          {...form.getInputProps('audience.audienceId')}
        />
      )}
      {kind === 'tags' && (
        <Stack gap="xs">
          <TagsInput
            label="Tags"
            description="Press Enter after each tag"
            placeholder="vip, lagos…"
            clearable
            {...form.getInputProps('audience.tags')}
          />
          <SegmentedControl
            aria-label="Which contacts"
            data={[
              { value: 'any', label: 'Any of these tags' },
              { value: 'all', label: 'All of these tags' },
            ]}
            {...form.getInputProps('audience.tagMatch')}
          />
        </Stack>
      )}
      {kind === 'contacts' && (
        <MultiSelect
          label="Contacts"
          placeholder="Search by name, phone or email"
          searchable
          data={options}
          filter={({ options: opts }) => opts}
          searchValue={contactSearch}
          onSearchChange={setContactSearch}
          nothingFoundMessage={contacts.isFetching ? 'Searching…' : 'No contacts match'}
          {...form.getInputProps('audience.contactIds')}
          onChange={(ids) => {
            const labels = Object.fromEntries(options.map((o) => [o.value, o.label]));
            setPicked(Object.fromEntries(ids.map((id) => [id, labels[id] ?? id])));
            form.setFieldValue('audience.contactIds', ids);
          }}
        />
      )}
      {count !== null && (
        <Text size="sm" aria-live="polite">
          Recipients now: <b data-testid="audience-count">{count}</b>{' '}
          <Text span c="dimmed" size="xs">
            (opted-out, invalid and duplicate phones are skipped when it starts)
          </Text>
        </Text>
      )}
    </Stack>
  );
}

/**
 * Renders an action on the written body (the AI Spin button), given the body, a setter, and a way
 * to add an accepted variant to the campaign's rotation.
 */
export type CampaignAiSpinSlot = (body: {
  value: string;
  onChange: (body: string) => void;
  onAddVariant?: (variant: string) => void;
}) => ReactNode;

function Variants({ form }: { form: Form }) {
  const variants = form.values.variants;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          Variants {variants.length > 0 && `(${variants.length} of ${MAX_VARIANTS})`}
        </Text>
        <Button
          size="xs"
          variant="subtle"
          disabled={variants.length >= MAX_VARIANTS}
          onClick={() => form.insertListItem('variants', '')}
        >
          Add a variant
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        Recipients are spread evenly over the message and its variants (each always gets the same
        one); every variant must use exactly the message&apos;s variables.
      </Text>
      {typeof form.errors.variants === 'string' && (
        <Text size="xs" c="red">
          {form.errors.variants}
        </Text>
      )}
      {variants.map((_, i) => (
        <Group key={i} align="flex-start" wrap="nowrap">
          <Textarea
            label={`Variant ${i + 2}`}
            autosize
            minRows={2}
            style={{ flex: 1 }}
            {...form.getInputProps(`variants.${i}`)}
          />
          <Button
            mt={24}
            size="xs"
            variant="default"
            aria-label={`Remove variant ${i + 2}`}
            onClick={() => form.removeListItem('variants', i)}
          >
            Remove
          </Button>
        </Group>
      ))}
    </Stack>
  );
}

function MessageStep({ form, aiSpinSlot }: { form: Form; aiSpinSlot?: CampaignAiSpinSlot }) {
  const templates = useTemplateOptions();
  const items = templates.data?.items ?? [];
  const template = items.find((t) => t.id === form.values.templateId);
  const body = form.values.messageSource === 'template' ? (template?.body ?? '') : form.values.body;
  const [debounced] = useDebouncedValue(body, PREVIEW_DEBOUNCE_MS);
  const [contactId, setContactId] = useState<string | null>(null);
  const contacts = useContactOptions('');
  const preview = useMessagePreview(debounced, contactId);
  const previewError = preview.isError
    ? (fieldErrors(preview.error).body ?? errorMessage(preview.error))
    : undefined;

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Stack>
        <SegmentedControl
          aria-label="Message source"
          data={[
            { value: 'body', label: 'Write a message' },
            { value: 'template', label: 'Use a template' },
          ]}
          {...form.getInputProps('messageSource')}
        />
        {form.values.messageSource === 'template' ? (
          <Select
            label="Template"
            placeholder={templates.isPending ? 'Loading…' : 'Pick a template'}
            data={items.map((t) => ({ value: t.id, label: t.name }))}
            searchable
            nothingFoundMessage="No templates"
            {...form.getInputProps('templateId')}
          />
        ) : (
          <>
            <Textarea
              label="Message"
              description="Variables like {{ first_name | there }} and spintax like {Hi|Hello} work here"
              autosize
              minRows={5}
              {...form.getInputProps('body')}
            />
            {aiSpinSlot?.({
              value: form.values.body,
              onChange: (next) => form.setFieldValue('body', next),
              onAddVariant:
                form.values.variants.length < MAX_VARIANTS
                  ? (variant) => form.insertListItem('variants', variant)
                  : undefined,
            })}
          </>
        )}
        <Variants form={form} />
      </Stack>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Title order={4}>Preview</Title>
          <Select
            label="Preview for"
            placeholder="Nobody: variables show their defaults"
            clearable
            data={(contacts.data?.items ?? []).map((c) => ({
              value: c.id,
              label: c.name ? `${c.name} (${c.phone})` : c.phone,
            }))}
            value={contactId}
            onChange={setContactId}
          />
          {!body.trim() ? (
            <Text size="sm" c="dimmed">
              The message shows here as a contact would get it.
            </Text>
          ) : previewError ? (
            <Alert color="red" role="alert">
              {previewError}
            </Alert>
          ) : (
            <Text
              size="sm"
              style={{ whiteSpace: 'pre-wrap' }}
              data-testid="message-preview"
              aria-busy={preview.isFetching}
            >
              {preview.data?.text ?? '…'}
            </Text>
          )}
          {preview.data && preview.data.missing.length > 0 && (
            <Text size="xs" c="orange">
              This contact lacks: {preview.data.missing.join(', ')} (defaults are used)
            </Text>
          )}
        </Stack>
      </Paper>
    </SimpleGrid>
  );
}

function PacingStep({ form }: { form: Form }) {
  const channels = useChannelOptions();
  const items = channels.data?.items ?? [];
  return (
    <Stack>
      <Checkbox.Group
        label="Channels"
        description="With several, recipients go round-robin across them, skipping disconnected ones"
        withAsterisk
        {...form.getInputProps('channelIds')}
      >
        <Stack gap="xs" mt="xs">
          {channels.isPending && <Loader size="sm" />}
          {items.map((c) => (
            <Checkbox
              key={c.id}
              value={c.id}
              label={`${c.name} · ${c.displayPhoneNumber ?? c.provider} · ${c.ratePerSecond}/s`}
              description={c.status === 'connected' ? undefined : c.status}
            />
          ))}
          {channels.isSuccess && items.length === 0 && (
            <Text size="sm" c="dimmed">
              No channels yet.{' '}
              <Anchor component={Link} to="/channels">
                Add one
              </Anchor>
            </Text>
          )}
        </Stack>
      </Checkbox.Group>

      <Text fw={600} size="sm">
        Random delay between sends (seconds, optional)
      </Text>
      <Group grow>
        <NumberInput label="Minimum" min={0} {...form.getInputProps('pacing.delayMinSeconds')} />
        <NumberInput label="Maximum" min={0} {...form.getInputProps('pacing.delayMaxSeconds')} />
      </Group>

      <Text fw={600} size="sm">
        Batch pause (optional)
      </Text>
      <Group grow>
        <NumberInput
          label="Every N sends"
          min={1}
          {...form.getInputProps('pacing.batchPauseEvery')}
        />
        <NumberInput
          label="Pause minimum (minutes)"
          min={0}
          {...form.getInputProps('pacing.batchPauseMinMinutes')}
        />
        <NumberInput
          label="Pause maximum (minutes)"
          min={0}
          {...form.getInputProps('pacing.batchPauseMaxMinutes')}
        />
      </Group>

      <Switch
        label="Only send within a window of days and hours"
        {...form.getInputProps('windowEnabled', { type: 'checkbox' })}
      />
      {form.values.windowEnabled && (
        <Stack gap="xs">
          <Checkbox.Group label="Days" {...form.getInputProps('pacing.window.days')}>
            <Group mt="xs">
              {WEEKDAYS.map((d) => (
                <Checkbox key={d} value={d} label={d.slice(0, 3).toLowerCase()} />
              ))}
            </Group>
          </Checkbox.Group>
          <Group grow>
            <NumberInput
              label="From hour"
              min={0}
              max={23}
              {...form.getInputProps('pacing.window.startHour')}
            />
            <NumberInput
              label="Until hour"
              min={1}
              max={24}
              {...form.getInputProps('pacing.window.endHour')}
            />
            <TextInput
              label="Time zone"
              description="Empty: the workspace’s"
              {...form.getInputProps('pacing.window.timeZone')}
            />
          </Group>
        </Stack>
      )}

      <NumberInput
        label="Auto-pause when failures exceed (%)"
        description="Optional; the campaign pauses itself so you can check the channel"
        min={1}
        max={100}
        {...form.getInputProps('failureThreshold')}
      />
    </Stack>
  );
}

function ScheduleStep({ form, timeZone }: { form: Form; timeZone: string }) {
  return (
    <Stack>
      <Radio.Group label="When" {...form.getInputProps('schedule')}>
        <Group mt="xs">
          <Radio value="now" label="Send now" />
          <Radio value="later" label="At a date and time" />
        </Group>
      </Radio.Group>
      {form.values.schedule === 'later' && (
        <TextInput
          type="datetime-local"
          label="Starts at"
          description={`In the workspace’s time zone, ${timeZone}`}
          {...form.getInputProps('scheduledAt')}
        />
      )}
    </Stack>
  );
}

function Review({ form, timeZone }: { form: Form; timeZone: string }) {
  const v = form.values;
  const channels = useChannelOptions().data?.items ?? [];
  const templates = useTemplateOptions().data?.items ?? [];
  const audiences = useAudienceOptions().data?.items ?? [];
  const p = v.pacing;
  const rows: [string, string][] = [
    ['Name', v.name],
    [
      'Audience',
      v.audience.kind === 'all'
        ? 'All contacts'
        : v.audience.kind === 'audience'
          ? `Audience “${audiences.find((a) => a.id === v.audience.audienceId)?.name ?? '?'}”`
          : v.audience.kind === 'tags'
            ? `Contacts with ${v.audience.tagMatch} of: ${v.audience.tags.join(', ')}`
            : `${v.audience.contactIds.length} chosen contacts`,
    ],
    [
      'Message',
      v.messageSource === 'template'
        ? `Template “${templates.find((t) => t.id === v.templateId)?.name ?? '?'}”`
        : v.body,
    ],
    ['Variants', v.variants.length === 0 ? 'None' : `${v.variants.length} in rotation`],
    [
      'Channels',
      v.channelIds.map((id) => channels.find((c) => c.id === id)?.name ?? id).join(', '),
    ],
    ['Delay', p.delayMinSeconds === '' ? 'None' : `${p.delayMinSeconds}–${p.delayMaxSeconds} s`],
    [
      'Batch pause',
      p.batchPauseEvery === ''
        ? 'None'
        : `Every ${p.batchPauseEvery} sends, ${p.batchPauseMinMinutes}–${p.batchPauseMaxMinutes} min`,
    ],
    [
      'Send window',
      v.windowEnabled
        ? `${p.window.days.map((d) => d.slice(0, 3).toLowerCase()).join(' ')} ${p.window.startHour}:00–${p.window.endHour}:00 ${p.window.timeZone || timeZone}`
        : 'Any time',
    ],
    ['Auto-pause', v.failureThreshold === '' ? 'Never' : `Above ${v.failureThreshold} % failed`],
    ['Starts', v.schedule === 'now' ? 'Now' : `${v.scheduledAt.replace('T', ' ')} (${timeZone})`],
  ];
  return (
    <Stack gap="xs" role="list" aria-label="Review">
      {rows.map(([label, value]) => (
        <Group key={label} align="flex-start" role="listitem" wrap="nowrap">
          <Text w={140} size="sm" c="dimmed">
            {label}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', flex: 1 }}>
            {value}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/**
 * /campaigns/new: audience → message → channels and pacing → schedule → review. With `campaign`
 * (a draft or scheduled one, /campaigns/:id/edit) the same steps edit it.
 */
export function CampaignWizard({
  aiSpinSlot,
  campaign,
}: {
  aiSpinSlot?: CampaignAiSpinSlot;
  campaign?: Campaign;
}) {
  const workspaceTimeZone = useWorkspaceTimeZone();
  const timeZone = workspaceTimeZone ?? 'UTC';
  const [step, setStep] = useState(0);
  const form = useForm<WizardValues>({
    initialValues: campaign ? fromCampaign(campaign, timeZone) : initialValues(''),
  });
  const create = useCreateCampaign();
  const update = useUpdateCampaign();
  const start = useCampaignAction();
  const navigate = useNavigate();
  const [upgrade, setUpgrade] = useState<unknown>(null);

  const check = (s: number) => {
    const errors = validateStep(s, form.values, timeZone);
    form.setErrors(errors);
    return Object.keys(errors).length === 0;
  };
  const next = () => {
    if (check(step)) setStep((s) => Math.min(REVIEW, s + 1));
  };

  const submit = (andStart: boolean) => {
    for (let s = 0; s < REVIEW; s++) {
      if (!check(s)) {
        setStep(s);
        return;
      }
    }
    const body = toRequest(form.values, timeZone);
    const opened = (c: Campaign, verb: string) => {
      showSuccess(`${verb} “${c.name}”`);
      void navigate(`/campaigns/${c.id}`);
    };
    const save = (handlers: {
      onSuccess: (c: Campaign) => void;
      onError: (err: unknown) => void;
    }) =>
      campaign ? update.mutate({ id: campaign.id, body }, handlers) : create.mutate(body, handlers);
    save({
      onSuccess: (created) => {
        if (!andStart) return opened(created, campaign ? 'Saved' : 'Saved a draft of');
        start.mutate(
          { id: created.id, action: 'start' },
          {
            onSuccess: (c) => opened(c, c.status === 'scheduled' ? 'Scheduled' : 'Started'),
            onError: (err) => {
              showApiError(err, 'Saved as a draft, but could not start it');
              void navigate(`/campaigns/${created.id}`);
            },
          },
        );
      },
      onError: (err) => {
        if (isUpgradeRequired(err)) return setUpgrade(err);
        showFormErrors(
          form,
          err,
          campaign ? 'Could not save the campaign' : 'Could not create the campaign',
        );
        const fields = Object.keys(fieldErrors(err));
        if (fields.length > 0) setStep(Math.min(...fields.map(stepOfField)));
      },
    });
  };
  const saving = create.isPending || update.isPending;
  const busy = saving || start.isPending;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={campaign ? `/campaigns/${campaign.id}` : '/campaigns'} size="sm">
        ← {campaign ? campaign.name : 'Campaigns'}
      </Anchor>
      <Title order={2}>{campaign ? `Edit “${campaign.name}”` : 'New campaign'}</Title>
      {upgrade !== null && <UpgradeNotice error={upgrade} />}
      <Stepper active={step} onStepClick={(s) => s < step && setStep(s)} size="sm">
        <Stepper.Step label={STEPS[0]}>
          <AudienceStep form={form} />
        </Stepper.Step>
        <Stepper.Step label={STEPS[1]}>
          <MessageStep form={form} aiSpinSlot={aiSpinSlot} />
        </Stepper.Step>
        <Stepper.Step label={STEPS[2]}>
          <PacingStep form={form} />
        </Stepper.Step>
        <Stepper.Step label={STEPS[3]}>
          <ScheduleStep form={form} timeZone={timeZone} />
        </Stepper.Step>
        <Stepper.Step label={STEPS[4]}>
          <Review form={form} timeZone={timeZone} />
        </Stepper.Step>
      </Stepper>
      <Group justify="space-between">
        <Button variant="default" disabled={step === 0} onClick={() => setStep((s) => s - 1)}>
          Back
        </Button>
        {step < REVIEW ? (
          <Button onClick={next}>Next</Button>
        ) : (
          <Group>
            <Button
              variant="default"
              loading={saving && !start.isPending}
              disabled={busy}
              onClick={() => submit(false)}
            >
              {campaign ? 'Save changes' : 'Save as draft'}
            </Button>
            <Button loading={busy} onClick={() => submit(true)}>
              {campaign
                ? form.values.schedule === 'now'
                  ? 'Save and start'
                  : 'Save and schedule'
                : form.values.schedule === 'now'
                  ? 'Create and start'
                  : 'Create and schedule'}
            </Button>
          </Group>
        )}
      </Group>
    </Stack>
  );
}
