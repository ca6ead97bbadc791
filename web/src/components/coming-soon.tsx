import { Badge, Card, List, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export interface ComingSoonProps {
  title: string;
  summary: string;
  features?: string[];
  children?: ReactNode;
}

/** Placeholder for a page whose feature is not built yet: says what it will do. */
export function ComingSoon({ title, summary, features = [], children }: ComingSoonProps) {
  return (
    <Stack gap="lg">
      <Title order={2}>{title}</Title>
      <Card withBorder padding="lg" maw={720}>
        <Stack gap="sm">
          <Badge variant="light" w="fit-content">
            Coming soon
          </Badge>
          <Text>{summary}</Text>
          {features.length > 0 && (
            <List size="sm" spacing={4} aria-label={`What ${title} will do`}>
              {features.map((f) => (
                <List.Item key={f}>{f}</List.Item>
              ))}
            </List>
          )}
          {children}
        </Stack>
      </Card>
    </Stack>
  );
}
