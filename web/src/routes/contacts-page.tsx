import { ContactsPanel } from '../features/contacts/components/contacts-panel';

export function ContactsPage() {
  return <ContactsPanel />;
}
