import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { ContactListItem } from '../api/types';
import { useContactOptions } from '../api/use-contact-options';

export const CONTACT_SEARCH_DEBOUNCE_MS = 300;

export function contactLabel(c: ContactListItem): string {
  const name = c.name ?? c.email;
  return name ? `${name} (${c.phone})` : c.phone;
}

/** Picks one contact with a search over the workspace's contacts (the server searches). */
export function ContactPicker({
  contact,
  onChange,
  label,
  placeholder,
  description,
}: {
  contact: ContactListItem | null;
  onChange: (contact: ContactListItem | null) => void;
  label: string;
  placeholder: string;
  description: string;
}) {
  const [searchInput, setSearchInput] = useState('');
  const [search] = useDebouncedValue(searchInput, CONTACT_SEARCH_DEBOUNCE_MS);
  // once a contact is picked the input shows its label: that is not a search
  const term = contact && search === contactLabel(contact) ? '' : search;
  const options = useContactOptions(term);
  const items = options.data?.items ?? [];
  const all = contact && !items.some((c) => c.id === contact.id) ? [contact, ...items] : items;

  return (
    <Select
      label={label}
      placeholder={placeholder}
      description={description}
      searchable
      clearable
      data={all.map((c) => ({ value: c.id, label: contactLabel(c) }))}
      // the server already searched; its answer is the list
      filter={({ options: opts }) => opts}
      value={contact?.id ?? null}
      searchValue={searchInput}
      onSearchChange={setSearchInput}
      onChange={(id) => onChange(all.find((c) => c.id === id) ?? null)}
      nothingFoundMessage={options.isFetching ? 'Searching…' : 'No contacts match'}
      rightSection={options.isFetching ? <Loader size="xs" /> : undefined}
    />
  );
}
