import { useParams } from 'react-router';
import { AiSpin } from '../features/spin/components/ai-spin';
import { TemplateEditor } from '../features/templates/components/template-editor';
import type { AiSpinSlot } from '../features/templates/components/template-form';

const aiSpin: AiSpinSlot = ({ value, onChange }) => <AiSpin body={value} onBodyChange={onChange} />;

/** /templates/new and /templates/:templateId, with the AI Spin action (enterprise) in the editor. */
export function TemplatePage() {
  const { templateId = 'new' } = useParams();
  return templateId === 'new' ? (
    <TemplateEditor key="new" aiSpinSlot={aiSpin} />
  ) : (
    <TemplateEditor key={templateId} id={templateId} aiSpinSlot={aiSpin} />
  );
}
