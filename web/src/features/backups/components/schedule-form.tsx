import {
  Button,
  Group,
  Input,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import type { BackupSettings } from '../../../api/types';
import { showFormErrors } from '../../../components/form-errors';
import { showSuccess } from '../../../components/notify';
import { useSaveBackupSettings } from '../api/use-backups';
import { formatInZone, HOURS, SCHEDULES, WEEKDAYS } from './backup-labels';

interface FormValues {
  schedule: string;
  hour: string;
  weekday: string;
  retention: number | string;
}

export const MAX_RETENTION = 100;

/** When backups run by themselves (at an hour of the workspace's time zone) and how many to keep. */
export function ScheduleForm({
  settings,
  linked,
  canManage,
}: {
  settings: BackupSettings;
  linked: boolean;
  canManage: boolean;
}) {
  const save = useSaveBackupSettings();
  const form = useForm<FormValues>({
    mode: 'controlled',
    initialValues: {
      schedule: settings.schedule,
      hour: String(settings.hour),
      weekday: String(settings.weekday),
      retention: settings.retention,
    },
    validate: {
      hour: (v) => {
        const h = Number(v);
        return v !== '' && Number.isInteger(h) && h >= 0 && h <= 23 ? null : 'Pick an hour';
      },
      weekday: (v, values) =>
        values.schedule !== 'weekly' || /^[1-7]$/.test(v) ? null : 'Pick a day of the week',
      retention: (v) => {
        if (v === '') return 'Enter how many backups to keep';
        const n = Number(v);
        return Number.isInteger(n) && n >= 1 && n <= MAX_RETENTION
          ? null
          : `Keep between 1 and ${MAX_RETENTION} backups`;
      },
    },
  });

  const submit = form.onSubmit((values) =>
    save.mutate(
      {
        schedule: values.schedule,
        hour: Number(values.hour),
        weekday: Number(values.weekday),
        retention: Number(values.retention),
      },
      {
        onSuccess: (saved) => {
          form.resetDirty({
            schedule: saved.schedule,
            hour: String(saved.hour),
            weekday: String(saved.weekday),
            retention: saved.retention,
          });
          showSuccess('Backup schedule saved');
        },
        onError: (err) => showFormErrors(form, err, 'Could not save the backup schedule'),
      },
    ),
  );

  const scheduled = form.values.schedule !== 'off';

  return (
    <Paper withBorder p="lg" component="section" aria-label="Schedule">
      <form onSubmit={submit} noValidate aria-label="Backup schedule">
        <Stack gap="md">
          <Title order={3}>Schedule</Title>
          <Input.Wrapper label="Back up automatically" labelElement="div">
            <div>
              <SegmentedControl
                data={SCHEDULES}
                disabled={!canManage}
                value={form.values.schedule}
                onChange={(value) => form.setFieldValue('schedule', value)}
              />
            </div>
          </Input.Wrapper>
          <Group align="flex-start">
            <Select
              label="At"
              description={`Workspace time zone: ${settings.timeZone}`}
              data={HOURS}
              allowDeselect={false}
              w={240}
              disabled={!canManage || !scheduled}
              {...form.getInputProps('hour')}
            />
            {form.values.schedule === 'weekly' && (
              <Select
                label="On"
                data={WEEKDAYS}
                allowDeselect={false}
                w={240}
                disabled={!canManage}
                {...form.getInputProps('weekday')}
              />
            )}
          </Group>
          <NumberInput
            label="Backups to keep"
            description="After each successful backup, older ones are deleted from Google Drive."
            min={1}
            max={MAX_RETENTION}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            maw={240}
            disabled={!canManage}
            {...form.getInputProps('retention')}
          />
          <Text size="sm" data-testid="next-run">
            {settings.schedule === 'off'
              ? 'Automatic backups are off.'
              : settings.nextRunAt
                ? `Next backup: ${formatInZone(settings.nextRunAt, settings.timeZone)}`
                : 'No backup is due yet.'}
          </Text>
          {settings.schedule !== 'off' && !linked && (
            <Text size="sm" c="orange">
              Scheduled backups run only while Google Drive is linked.
            </Text>
          )}
          {canManage && (
            <Group>
              <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                Save schedule
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
