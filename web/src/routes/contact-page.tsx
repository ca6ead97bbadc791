import { useParams } from 'react-router';
import { ContactDetail } from '../features/contacts/components/contact-detail';

export function ContactPage() {
  const { contactId = '' } = useParams();
  return <ContactDetail key={contactId} id={contactId} />;
}
