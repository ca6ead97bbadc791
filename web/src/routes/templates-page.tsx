import { TemplatesPanel } from '../features/templates/components/templates-panel';

export function TemplatesPage() {
  return <TemplatesPanel />;
}
