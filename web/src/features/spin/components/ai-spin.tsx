import {
  Alert,
  Badge,
  Button,
  Collapse,
  Group,
  List,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId, useState } from 'react';
import { ApiError, errorMessage, fieldErrors } from '../../../api/errors';
import type { SpinAvailability, SpinResult } from '../../../api/types';
import { useSpin, useSpinAvailability } from '../api/use-spin';
import { combineAlternatives } from '../spintax';

export const DEFAULT_VARIANT_COUNT = 3;
export const MAX_VARIANT_COUNT = 10;

export interface AiSpinProps {
  /** The body in the editor now. */
  body: string;
  /** Puts a new body in the editor. */
  onBodyChange: (body: string) => void;
  /** Adds a variant to a campaign's rotation (offered only where given). */
  onAddVariant?: (variant: string) => void;
}

/** Why the button is disabled, in words; the server's sentence when it sent one. */
function unavailableText(availability: SpinAvailability): { title: string; message: string } {
  if (availability.reason === 'upgrade_required') {
    return {
      title: 'Upgrade to Enterprise',
      message: availability.message ?? 'AI spinning is part of the Enterprise plan.',
    };
  }
  if (availability.reason === 'ai_not_configured') {
    return {
      title: 'AI provider not configured',
      message: availability.message ?? 'The server has no AI provider configured.',
    };
  }
  return {
    title: 'Not available',
    message: availability.message ?? 'AI spinning is not available for this workspace.',
  };
}

/**
 * The AI Spin action of the template editor (Enterprise): asks the AI for variants of the body
 * that keep every variable, and inserts the ones the user accepts as spintax alternatives, or
 * replaces the body with one. Disabled, with the reason, where the workspace cannot spin.
 */
export function AiSpin({ body, onBodyChange, onAddVariant }: AiSpinProps) {
  const availability = useSpinAvailability();
  const [opened, { open, close }] = useDisclosure(false);
  const reasonId = useId();

  let blocked: { title: string; message: string } | null = null;
  if (availability.isError) {
    blocked = {
      title: 'Could not check availability',
      message: errorMessage(availability.error),
    };
  } else if (availability.data && !availability.data.available) {
    blocked = unavailableText(availability.data);
  }
  const disabled = availability.isPending || blocked !== null;

  return (
    <Group gap="sm" wrap="nowrap" align="center">
      <Tooltip label={blocked?.message} disabled={!blocked} multiline maw={320} withArrow>
        {/* a disabled button gets no pointer events: the wrapper shows the tooltip */}
        <span style={{ display: 'inline-block' }}>
          <Button
            variant="light"
            size="xs"
            onClick={open}
            disabled={disabled}
            loading={availability.isPending}
            aria-describedby={blocked ? reasonId : undefined}
          >
            AI Spin
          </Button>
        </span>
      </Tooltip>
      {blocked && (
        <Text size="xs" c="dimmed" id={reasonId}>
          <Text span inherit fw={500}>
            {blocked.title}:
          </Text>{' '}
          {blocked.message}
        </Text>
      )}
      {availability.data?.available && (
        <Modal opened={opened} onClose={close} title="AI Spin" size="lg">
          {/* mounted only while open: every opening starts afresh */}
          {opened && (
            <SpinDialog
              body={body}
              onBodyChange={onBodyChange}
              onAddVariant={onAddVariant}
              onDone={close}
            />
          )}
        </Modal>
      )}
    </Group>
  );
}

type VariantState = 'pending' | 'accepted' | 'rotated' | 'skipped' | 'replaced';

const STATE_BADGES: Record<Exclude<VariantState, 'pending'>, { label: string; color: string }> = {
  accepted: { label: 'Added', color: 'teal' },
  rotated: { label: 'Added as a variant', color: 'teal' },
  skipped: { label: 'Skipped', color: 'gray' },
  replaced: { label: 'Now the body', color: 'blue' },
};

/** The server's message for a failed spin; for a body it rejected, the body's own error. */
function spinErrorMessage(err: unknown): string {
  if (err instanceof ApiError && err.status === 400) {
    const fields = fieldErrors(err);
    return fields.body ?? fields.count ?? err.message;
  }
  return errorMessage(err);
}

function SpinDialog({
  body,
  onBodyChange,
  onAddVariant,
  onDone,
}: AiSpinProps & {
  onDone: () => void;
}) {
  const spin = useSpin();
  // what the input holds: a number, or '' while it is being retyped
  const [count, setCount] = useState<number | string>(DEFAULT_VARIANT_COUNT);
  const [result, setResult] = useState<SpinResult | null>(null);
  const [states, setStates] = useState<VariantState[]>([]);
  const [insertError, setInsertError] = useState<string | null>(null);
  const [showRejected, { toggle: toggleRejected }] = useDisclosure(false);

  const empty = body.trim() === '';
  const validCount =
    typeof count === 'number' &&
    Number.isInteger(count) &&
    count >= 1 &&
    count <= MAX_VARIANT_COUNT;
  const run = () => {
    if (typeof count !== 'number') return;
    setInsertError(null);
    spin.mutate(
      { body, count },
      {
        onSuccess: (data) => {
          setResult(data);
          setStates(data.variants.map(() => 'pending'));
        },
      },
    );
  };
  const mark = (index: number, state: VariantState) =>
    setStates((all) => all.map((s, i) => (i === index ? state : s)));

  const accept = (index: number, variant: string) => {
    try {
      onBodyChange(combineAlternatives(body, [variant]));
      setInsertError(null);
      mark(index, 'accepted');
    } catch (err) {
      setInsertError(errorMessage(err));
    }
  };
  const replace = (index: number, variant: string) => {
    onBodyChange(variant);
    setInsertError(null);
    // the body it was added to is gone; only this one is the body now
    setStates((all) =>
      all.map((s, i) => (i === index ? 'replaced' : s === 'pending' ? s : 'skipped')),
    );
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        The AI rewrites the message with the same meaning and tone, keeping every variable. Add the
        variants you like as spintax alternatives (one is picked per recipient), or replace the
        message with one.
      </Text>
      <Group align="flex-end" gap="sm">
        <NumberInput
          label="Variants"
          description={`1 to ${MAX_VARIANT_COUNT}`}
          min={1}
          max={MAX_VARIANT_COUNT}
          clampBehavior="strict"
          allowDecimal={false}
          allowNegative={false}
          value={count}
          onChange={setCount}
          error={validCount ? undefined : `How many, from 1 to ${MAX_VARIANT_COUNT}`}
          w={140}
        />
        <Button onClick={run} loading={spin.isPending} disabled={empty || !validCount}>
          {result ? 'Generate again' : 'Generate variants'}
        </Button>
      </Group>
      {empty && (
        <Text size="sm" c="dimmed">
          Write the message first.
        </Text>
      )}
      {spin.isPending && (
        <Text size="sm" c="dimmed" role="status">
          Asking the AI for variants… this can take a few seconds.
        </Text>
      )}
      {spin.isError && (
        <Alert color="red" title="Could not spin the message" role="alert">
          {spinErrorMessage(spin.error)}
        </Alert>
      )}
      {insertError && (
        <Alert color="orange" title="Could not add the variant" role="alert">
          {insertError}
        </Alert>
      )}

      {result && !spin.isPending && (
        <Stack gap="sm">
          {result.variants.length === 0 ? (
            <Text size="sm">The AI gave no usable variants this time; try again.</Text>
          ) : (
            <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {result.variants.map((variant, i) => {
                const state = states[i] ?? 'pending';
                return (
                  <Paper
                    key={i}
                    component="li"
                    withBorder
                    p="sm"
                    aria-label={`Variant ${i + 1}`}
                    opacity={state === 'skipped' ? 0.6 : 1}
                  >
                    <Stack gap="xs">
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                        {variant}
                      </Text>
                      <Group justify="space-between" gap="xs">
                        {state === 'pending' ? (
                          <Group gap="xs">
                            <Button size="xs" onClick={() => accept(i, variant)}>
                              Accept
                            </Button>
                            {onAddVariant && (
                              <Button
                                size="xs"
                                variant="light"
                                onClick={() => {
                                  onAddVariant(variant);
                                  mark(i, 'rotated');
                                }}
                              >
                                Add as variant
                              </Button>
                            )}
                            <Button size="xs" variant="default" onClick={() => mark(i, 'skipped')}>
                              Skip
                            </Button>
                          </Group>
                        ) : (
                          <Badge color={STATE_BADGES[state].color} variant="light">
                            {STATE_BADGES[state].label}
                          </Badge>
                        )}
                        {state !== 'replaced' && (
                          <Button size="xs" variant="subtle" onClick={() => replace(i, variant)}>
                            Replace body
                          </Button>
                        )}
                      </Group>
                    </Stack>
                  </Paper>
                );
              })}
            </Stack>
          )}

          {result.rejected.length > 0 && (
            <Stack gap={4}>
              <Button
                variant="subtle"
                size="xs"
                color="gray"
                w="fit-content"
                onClick={toggleRejected}
                aria-expanded={showRejected}
              >
                {showRejected ? 'Hide' : 'Show'} {result.rejected.length} rejected{' '}
                {result.rejected.length === 1 ? 'variant' : 'variants'}
              </Button>
              <Collapse expanded={showRejected}>
                <List size="sm" spacing="xs" aria-label="Rejected variants">
                  {result.rejected.map((r, i) => (
                    <List.Item key={i}>
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                        {r.text}
                      </Text>
                      <Text size="xs" c="red">
                        {r.reason}
                      </Text>
                    </List.Item>
                  ))}
                </List>
              </Collapse>
            </Stack>
          )}
        </Stack>
      )}

      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Done
        </Button>
      </Group>
    </Stack>
  );
}
