import {
  Alert,
  Badge,
  Button,
  Group,
  Progress,
  Radio,
  Select,
  Skeleton,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { errorMessage, fieldErrors } from '../../../api/errors';
import type {
  ColumnMapping,
  ColumnTarget,
  ContactImport,
  ImportPreview,
  MappingCmd,
} from '../../../api/types';
import {
  useImportPreview,
  useStartImport,
  type ImportOptions,
  type OnExisting,
} from '../api/use-imports';

const TARGETS: { value: ColumnTarget; label: string }[] = [
  { value: 'name', label: 'Full name' },
  { value: 'first_name', label: 'First name' },
  { value: 'middle_name', label: 'Middle name' },
  { value: 'last_name', label: 'Last name' },
  { value: 'phone', label: 'Phone' },
  { value: 'email', label: 'Email' },
  { value: 'tags', label: 'Tags' },
  { value: 'attribute', label: 'Custom attribute' },
  { value: 'ignore', label: 'Ignore' },
];

const COUNTRY = /^[A-Za-z]{2}$/;

const DELIMITERS: Record<string, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

// the options next to inputs; any other error is about the file or unexpected
const OPTION_FIELDS = new Set(['mapping', 'defaultCountry', 'tags', 'onExisting']);

/** What to say about an error no option input shows, e.g. a binary, empty or too large file. */
function problem(err: unknown): string | undefined {
  if (err == null) return undefined;
  const fields = fieldErrors(err);
  if (fields.file) return `The file ${fields.file}`;
  if (Object.keys(fields).some((f) => OPTION_FIELDS.has(f))) return undefined;
  return errorMessage(err);
}

function toCmd(m: ColumnMapping): MappingCmd {
  return { index: m.index, target: m.target, attributeKey: m.attributeKey };
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** The preview of a chosen file, its mapping and options, and the upload that starts the import. */
export function ImportPreviewStep({
  file,
  onBack,
  onStarted,
}: {
  file: File;
  onBack: () => void;
  onStarted: (imp: ContactImport) => void;
}) {
  // undefined until the user changes something: the server's proposal and the workspace's country
  const [mapping, setMapping] = useState<MappingCmd[] | undefined>();
  const [country, setCountry] = useState<string | undefined>();
  const [tags, setTags] = useState<string[]>([]);
  const [onExisting, setOnExisting] = useState<OnExisting>('update');
  const defaultCountry =
    country !== undefined && COUNTRY.test(country) ? country.toUpperCase() : undefined;
  const preview = useImportPreview(file, { defaultCountry, tags, mapping });
  const start = useStartImport();

  const errors = { ...fieldErrors(preview.error), ...fieldErrors(start.error) };
  const data = preview.data;
  const fileError = problem(preview.error);
  const startError = problem(start.error);
  const current = mapping ?? data?.mapping.map(toCmd) ?? [];
  const hasPhone = current.some((m) => m.target === 'phone');
  const uploading = start.isPending;

  const changeTarget = (index: number, target: ColumnTarget) =>
    setMapping(current.map((m) => (m.index === index ? { ...m, target } : m)));

  const startImport = () => {
    const options: ImportOptions = { defaultCountry, onExisting, tags, mapping };
    start.mutate({ file, options }, { onSuccess: (imp) => onStarted(imp) });
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={3}>{file.name}</Title>
          <Text size="sm" c="dimmed" data-testid="file-format">
            {formatBytes(file.size)}
            {data &&
              ` · ${data.encoding} · ${DELIMITERS[data.delimiter] ?? `“${data.delimiter}”`} separated`}
          </Text>
        </Stack>
        <Button variant="default" onClick={onBack} disabled={uploading}>
          Choose another file
        </Button>
      </Group>

      {fileError !== undefined && (
        <Alert color="red" title="This file cannot be imported" role="alert">
          {fileError}
        </Alert>
      )}

      {!data ? (
        preview.isPending && (
          <Stack gap="xs" data-testid="preview-loading">
            <Skeleton h={36} />
            <Skeleton h={36} />
            <Skeleton h={36} />
          </Stack>
        )
      ) : (
        <>
          <ColumnsTable
            preview={data}
            mapping={current}
            disabled={uploading}
            onChange={changeTarget}
          />
          {(errors.mapping || !hasPhone) && (
            <Text size="sm" c="red" role="alert">
              {errors.mapping ?? 'Map one column to Phone: every contact needs a phone number.'}
            </Text>
          )}
          <RowsTable preview={data} refreshing={preview.isFetching} />

          <Stack gap="md" maw={560}>
            <TextInput
              label="Default country"
              description="For phone numbers written without a +country code (ISO code such as NG, GB or US)"
              value={country ?? data.defaultCountry}
              onChange={(e) => setCountry(e.currentTarget.value)}
              maxLength={2}
              w={260}
              error={errors.defaultCountry}
              disabled={uploading}
            />
            <Radio.Group
              label="Contacts that already exist"
              description="Matched by phone number"
              value={onExisting}
              onChange={(v) => setOnExisting(v as OnExisting)}
              error={errors.onExisting}
            >
              <Stack gap="xs" mt="xs">
                <Radio
                  value="update"
                  label="Update existing"
                  description="Fill in their name, email, tags and attributes from the file"
                  disabled={uploading}
                />
                <Radio
                  value="skip"
                  label="Skip existing"
                  description="Leave them as they are; only new phone numbers are added"
                  disabled={uploading}
                />
              </Stack>
            </Radio.Group>
            <TagsInput
              label="Tags to add"
              description="Added to every imported contact"
              placeholder="Type a tag and press Enter"
              value={tags}
              onChange={setTags}
              error={errors.tags}
              disabled={uploading}
            />
          </Stack>

          {startError !== undefined && (
            <Alert color="red" title="The import did not start" role="alert">
              {startError}
            </Alert>
          )}

          {uploading && start.progress ? (
            <Stack gap={4}>
              <Text size="sm">
                Uploading… {percentOf(start.progress.loaded, start.progress.total)}%
              </Text>
              <Progress
                value={percentOf(start.progress.loaded, start.progress.total)}
                size="lg"
                aria-label="Upload progress"
              />
            </Stack>
          ) : (
            <Group>
              <Button onClick={startImport} disabled={!hasPhone || preview.isError}>
                Import
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}

function percentOf(loaded: number, total: number): number {
  return total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
}

function ColumnsTable({
  preview,
  mapping,
  disabled,
  onChange,
}: {
  preview: ImportPreview;
  mapping: MappingCmd[];
  disabled: boolean;
  onChange: (index: number, target: ColumnTarget) => void;
}) {
  const first = preview.rows[0];
  return (
    <Table aria-label="Columns" withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Column</Table.Th>
          <Table.Th>First value</Table.Th>
          <Table.Th w={240}>Import as</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {preview.headers.map((header, index) => {
          const target = mapping.find((m) => m.index === index)?.target ?? 'ignore';
          const attributeKey = preview.mapping.find((m) => m.index === index)?.attributeKey;
          return (
            <Table.Tr key={index}>
              <Table.Td>{header || <Text c="dimmed">(column {index + 1})</Text>}</Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={1}>
                  {first?.cells[index] ?? ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={`Import ${header || `column ${index + 1}`} as`}
                  data={TARGETS}
                  value={target}
                  onChange={(v) => v && onChange(index, v as ColumnTarget)}
                  allowDeselect={false}
                  disabled={disabled}
                  size="xs"
                />
                {target === 'attribute' && attributeKey && (
                  <Text size="xs" c="dimmed" mt={2}>
                    as attribute “{attributeKey}”
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function RowsTable({ preview, refreshing }: { preview: ImportPreview; refreshing: boolean }) {
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Text fw={600}>First rows as they would be imported</Text>
        {refreshing && (
          <Text size="xs" c="dimmed">
            updating…
          </Text>
        )}
      </Group>
      {preview.rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          The file has headers but no rows.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label="Preview rows" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Row</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>Phone</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Tags</Table.Th>
                <Table.Th>Attributes</Table.Th>
                <Table.Th>Result</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.rows.map((row) => (
                <Table.Tr key={row.rowNumber}>
                  <Table.Td>{row.rowNumber}</Table.Td>
                  <Table.Td>{row.name ?? ''}</Table.Td>
                  <Table.Td>{row.phone ?? ''}</Table.Td>
                  <Table.Td>{row.email ?? ''}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {row.tags.map((t) => (
                        <Badge key={t} size="sm" variant="light">
                          {t}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      {Object.entries(row.attributes)
                        .map(([k, v]) => `${k}: ${v}`)
                        .join(' · ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {row.error ? (
                      <Text size="sm" c="red">
                        Rejected: {row.error}
                      </Text>
                    ) : (
                      <Text size="sm" c="teal">
                        OK
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
