import { Stack, Stepper } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { FileDropZone } from './file-drop-zone';
import { ImportPreviewStep } from './import-preview-step';
import { ImportTracker } from './import-tracker';

/** Choose a file → preview and map it → upload → follow the import to its result. */
export function ImportWizard() {
  const [file, setFile] = useState<File | null>(null);
  // the import being followed lives in the URL, so a reload (or a link from the history) shows it
  const [params, setParams] = useSearchParams();
  const importId = params.get('id');

  const reset = () => {
    setFile(null);
    setParams({}, { replace: true });
  };

  const active = importId ? 2 : file ? 1 : 0;
  return (
    <Stack gap="lg">
      <Stepper active={active} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label="Choose a file" />
        <Stepper.Step label="Check the columns" />
        <Stepper.Step label="Follow the import" />
      </Stepper>
      {importId ? (
        <ImportTracker key={importId} importId={importId} onAnother={reset} />
      ) : file ? (
        <ImportPreviewStep
          key={`${file.name}:${file.size}:${file.lastModified}`}
          file={file}
          onBack={() => setFile(null)}
          onStarted={(imp) => {
            setFile(null);
            setParams({ id: imp.id });
          }}
        />
      ) : (
        <FileDropZone onFile={setFile} />
      )}
    </Stack>
  );
}
