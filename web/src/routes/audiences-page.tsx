import { AudiencesPanel } from '../features/audiences/components/audiences-panel';

export function AudiencesPage() {
  return <AudiencesPanel />;
}
