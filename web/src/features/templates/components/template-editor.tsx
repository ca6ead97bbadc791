import { Anchor, Stack, Title } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../../api/errors';
import type { Template } from '../../../api/types';
import { showSuccess } from '../../../components/notify';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { useTemplate } from '../api/use-templates';
import { TemplateForm, type AiSpinSlot } from './template-form';

function Back() {
  return (
    <Anchor component={Link} to="/templates" size="sm">
      ← Templates
    </Anchor>
  );
}

/** A page around the template form: a new template, or an existing one loaded by id. */
export function TemplateEditor({ id, aiSpinSlot }: { id?: string; aiSpinSlot?: AiSpinSlot }) {
  const navigate = useNavigate();
  const done = () => void navigate('/templates');
  const onSaved = (verb: string) => (t: Template) => {
    showSuccess(`${verb} “${t.name}”`);
    done();
  };

  if (id === undefined) {
    return (
      <Stack gap="lg">
        <Back />
        <Title order={2}>New template</Title>
        <TemplateForm onCancel={done} onSaved={onSaved('Created')} aiSpinSlot={aiSpinSlot} />
      </Stack>
    );
  }
  return (
    <ExistingTemplate id={id} onCancel={done} onSaved={onSaved('Saved')} aiSpinSlot={aiSpinSlot} />
  );
}

function ExistingTemplate({
  id,
  onCancel,
  onSaved,
  aiSpinSlot,
}: {
  id: string;
  onCancel: () => void;
  onSaved: (t: Template) => void;
  aiSpinSlot?: AiSpinSlot;
}) {
  const template = useTemplate(id);
  if (template.isPending) return <LoadingState label="Loading the template" />;
  if (template.isError) {
    const missing =
      template.error instanceof ApiError &&
      (template.error.status === 404 || template.error.status === 400);
    return (
      <Stack>
        <Back />
        {missing ? (
          <EmptyState title="Template not found">
            It may have been deleted, or belong to another workspace.
          </EmptyState>
        ) : (
          <ErrorState error={template.error} onRetry={() => void template.refetch()} />
        )}
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      <Back />
      <Title order={2}>{template.data.name}</Title>
      <TemplateForm
        // a refetch after saving must not reset what is being typed: the form starts from the
        // template as first loaded
        template={template.data}
        onCancel={onCancel}
        onSaved={onSaved}
        aiSpinSlot={aiSpinSlot}
      />
    </Stack>
  );
}
