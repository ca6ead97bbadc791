import { useParams } from 'react-router';
import { ContactFacts } from '../features/agents/components/contact-facts';
import { ContactDetail } from '../features/contacts/components/contact-detail';

/** A contact, with what agents remember about them. */
export function ContactPage() {
  const { contactId = '' } = useParams();
  return (
    <ContactDetail
      key={contactId}
      id={contactId}
      extraSections={<ContactFacts contactId={contactId} />}
    />
  );
}
