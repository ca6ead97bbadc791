import {
  ActionIcon,
  Button,
  Group,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import type { Contact } from '../../../api/types';
import { showFormErrors } from '../../../components/form-errors';
import { useCreateContact, useUpdateContact } from '../api/use-contacts';

interface Values {
  phone: string;
  name: string;
  email: string;
  tags: string[];
  attributes: { key: string; value: string }[];
  optedOut: boolean;
}

function initialValues(contact?: Contact): Values {
  return {
    phone: contact?.phone ?? '',
    name: contact?.name ?? '',
    email: contact?.email ?? '',
    tags: contact?.tags ?? [],
    attributes: Object.entries(contact?.attributes ?? {}).map(([key, value]) => ({ key, value })),
    optedOut: contact?.optedOut ?? false,
  };
}

/**
 * Adds a contact, or edits one when `contact` is given. The server normalises the phone with the
 * workspace's default country; its field errors show next to the inputs.
 */
export function ContactForm({
  contact,
  onCancel,
  onSaved,
}: {
  contact?: Contact;
  onCancel: () => void;
  onSaved: (contact: Contact) => void;
}) {
  const create = useCreateContact();
  const update = useUpdateContact();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initialValues(contact),
    validate: {
      phone: (v) => (v.trim() ? null : 'Phone is required'),
      attributes: {
        key: (v) => (v.trim() ? null : 'Name the field'),
      },
    },
  });

  const submit = form.onSubmit((v) => {
    const attributes = Object.fromEntries(v.attributes.map((a) => [a.key.trim(), a.value]));
    const title = contact ? 'Could not save the contact' : 'Could not add the contact';
    const onError = (err: unknown) => showFormErrors(form, err, title);
    if (contact) {
      update.mutate(
        {
          id: contact.id,
          body: {
            // an unchanged phone is not sent, so it is not parsed again
            phone: v.phone.trim() === contact.phone ? null : v.phone.trim(),
            name: v.name.trim(),
            email: v.email.trim(),
            tags: v.tags,
            attributes,
            optedOut: v.optedOut,
          },
        },
        { onSuccess: onSaved, onError },
      );
    } else {
      create.mutate(
        {
          phone: v.phone.trim(),
          name: v.name.trim() || null,
          email: v.email.trim() || null,
          tags: v.tags,
          attributes,
          optedOut: v.optedOut,
        },
        { onSuccess: onSaved, onError },
      );
    }
  });

  return (
    <form onSubmit={submit} aria-label={contact ? 'Edit contact' : 'Add contact'} noValidate>
      <Stack gap="sm">
        <TextInput
          label="Phone"
          description="National numbers use your workspace's default country"
          placeholder="0803 123 4567 or +234 803 123 4567"
          withAsterisk
          data-autofocus
          {...form.getInputProps('phone')}
        />
        <TextInput label="Name" {...form.getInputProps('name')} />
        <TextInput label="Email" type="email" {...form.getInputProps('email')} />
        <TagsInput
          label="Tags"
          placeholder="Type a tag and press Enter"
          clearable
          {...form.getInputProps('tags')}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Custom fields
          </Text>
          {form.values.attributes.map((_, i) => (
            <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
              <TextInput
                aria-label={`Field ${i + 1} name`}
                placeholder="Field"
                style={{ flex: 1 }}
                {...form.getInputProps(`attributes.${i}.key`)}
              />
              <TextInput
                aria-label={`Field ${i + 1} value`}
                placeholder="Value"
                style={{ flex: 2 }}
                {...form.getInputProps(`attributes.${i}.value`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={6}
                aria-label={`Remove field ${i + 1}`}
                onClick={() => form.removeListItem('attributes', i)}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          {form.errors.attributes && (
            <Text size="xs" c="red">
              {form.errors.attributes}
            </Text>
          )}
          <Button
            variant="subtle"
            size="xs"
            w="fit-content"
            onClick={() => form.insertListItem('attributes', { key: '', value: '' })}
          >
            Add field
          </Button>
        </Stack>
        <Switch
          label="Opted out of campaigns"
          {...form.getInputProps('optedOut', { type: 'checkbox' })}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {contact ? 'Save' : 'Add contact'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
