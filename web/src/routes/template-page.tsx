import { useParams } from 'react-router';
import { TemplateEditor } from '../features/templates/components/template-editor';

/**
 * /templates/new and /templates/:templateId. The AI Spin action (enterprise) will be composed into
 * the editor here through its `aiSpinSlot` once its feature exists.
 */
export function TemplatePage() {
  const { templateId = 'new' } = useParams();
  return templateId === 'new' ? (
    <TemplateEditor key="new" />
  ) : (
    <TemplateEditor key={templateId} id={templateId} />
  );
}
