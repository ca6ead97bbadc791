import { Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useId, useState, type DragEvent } from 'react';

const ACCEPT = '.csv,.txt,text/csv,text/plain';

/** A file input that also takes a file dropped on it. */
export function FileDropZone({ onFile }: { onFile: (file: File) => void }) {
  const inputId = useId();
  const [over, setOver] = useState(false);

  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) onFile(file);
  };

  return (
    <Paper
      component="label"
      htmlFor={inputId}
      withBorder
      p="xl"
      radius="md"
      style={{
        borderStyle: 'dashed',
        cursor: 'pointer',
        background: over ? 'var(--mantine-color-blue-light)' : undefined,
      }}
      onDragOver={(e: DragEvent<HTMLElement>) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <Stack align="center" gap={4}>
        <Text fw={600}>Drop a CSV file here, or click to choose one</Text>
        <Text size="sm" c="dimmed">
          .csv or .txt, e.g. an export from Google Contacts, Outlook or a spreadsheet. Comma,
          semicolon, tab or pipe separated; UTF-8, UTF-16 or Windows-1252.
        </Text>
      </Stack>
      <VisuallyHidden>
        <input
          id={inputId}
          type="file"
          accept={ACCEPT}
          aria-label="CSV file"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) onFile(file);
            e.currentTarget.value = '';
          }}
        />
      </VisuallyHidden>
    </Paper>
  );
}
