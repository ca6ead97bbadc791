import { Button, Group, Paper, Select, Skeleton, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo } from 'react';
import { showFormErrors } from '../../../components/form-errors';
import type { Workspace } from '../../../api/types';
import { ErrorState } from '../../../components/states';
import { showSuccess } from '../../../components/notify';
import { useUpdateWorkspace, useWorkspace } from '../api/use-workspace';
import { countryOptions, timeZoneOptions } from './regions';

export function WorkspaceSettings({ canEdit }: { canEdit: boolean }) {
  const workspace = useWorkspace();
  if (workspace.isPending) {
    return (
      <Stack data-testid="workspace-loading">
        <Skeleton h={56} />
        <Skeleton h={56} />
        <Skeleton h={56} />
      </Stack>
    );
  }
  if (workspace.isError) {
    return <ErrorState error={workspace.error} onRetry={() => void workspace.refetch()} />;
  }
  // Keyed so the form starts from the saved values whenever they change on the server.
  return (
    <WorkspaceSettingsForm
      key={`${workspace.data.name}|${workspace.data.timeZone}|${workspace.data.defaultCountry}`}
      workspace={workspace.data}
      canEdit={canEdit}
    />
  );
}

interface FormValues {
  name: string;
  timeZone: string;
  defaultCountry: string;
}

function WorkspaceSettingsForm({ workspace, canEdit }: { workspace: Workspace; canEdit: boolean }) {
  const update = useUpdateWorkspace();
  const zones = useMemo(() => timeZoneOptions(workspace.timeZone), [workspace.timeZone]);
  const countries = useMemo(() => countryOptions(), []);
  const form = useForm<FormValues>({
    mode: 'controlled',
    initialValues: {
      name: workspace.name,
      timeZone: workspace.timeZone,
      defaultCountry: workspace.defaultCountry,
    },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter a workspace name'),
      timeZone: (v) => (v ? null : 'Pick a time zone'),
      defaultCountry: (v) => (v ? null : 'Pick a country'),
    },
  });

  const submit = form.onSubmit((values) => {
    update.mutate(
      { ...values, name: values.name.trim() },
      {
        onSuccess: () => showSuccess('Workspace settings saved'),
        onError: (err) => showFormErrors(form, err, 'Could not save workspace settings'),
      },
    );
  });

  return (
    <Paper withBorder p="lg" maw={560}>
      <form onSubmit={submit} noValidate aria-label="Workspace settings">
        <Stack>
          <TextInput
            label="Workspace name"
            required
            disabled={!canEdit}
            {...form.getInputProps('name')}
          />
          <Select
            label="Time zone"
            description="Used for campaign schedules, working hours and reports"
            data={zones}
            searchable
            allowDeselect={false}
            nothingFoundMessage="No such time zone"
            disabled={!canEdit}
            {...form.getInputProps('timeZone')}
          />
          <Select
            label="Default country"
            description="Phone numbers without a country code are read as this country's"
            data={countries}
            searchable
            allowDeselect={false}
            nothingFoundMessage="No such country"
            disabled={!canEdit}
            {...form.getInputProps('defaultCountry')}
          />
          {canEdit && (
            <Group justify="flex-end">
              <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
                Save changes
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
