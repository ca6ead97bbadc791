import { Box, Button, Center, Divider, Skeleton, Stack } from '@mantine/core';
import { Fragment, useCallback, useLayoutEffect, useRef } from 'react';
import type { ThreadMessage } from '../../../api/types';
import { EmptyState, ErrorState } from '../../../components/states';
import { useThread } from '../api/use-inbox';
import { dayLabel } from './inbox-format';
import { MessageBubble } from './message-bubble';
import { useSentinel } from './use-sentinel';

// how close to the bottom still counts as "reading the latest" (new messages keep it pinned)
const PINNED_PX = 48;

/**
 * The thread oldest → newest in its own scroll box: it opens at the newest message, stays there as
 * messages arrive (unless the user scrolled up to read), and keeps its place when older ones load
 * above (scrolling near the top loads them, or the "Load older" button).
 */
export function MessageList({
  contactId,
  channelNames,
}: {
  contactId: string;
  channelNames: Map<string, string>;
}) {
  const thread = useThread(contactId);
  const viewport = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  // distance from the bottom before older messages were asked for; restored once they render
  const fromBottom = useRef<number | null>(null);

  const seen = new Set<string>();
  const items: ThreadMessage[] = (thread.data?.pages ?? [])
    .flatMap((p) => p.items)
    .filter((m) => !seen.has(m.id) && Boolean(seen.add(m.id)))
    .reverse();
  const oldestId = items[0]?.id;
  const newest = items.at(-1);
  const newestId = newest?.id;
  const ownReply = newest?.direction === 'out' && !newest.campaignId;

  const loadOlder = () => {
    if (!thread.hasNextPage || thread.isFetchingNextPage) return;
    const box = viewport.current;
    if (box) fromBottom.current = box.scrollHeight - box.scrollTop;
    void thread.fetchNextPage();
  };
  const sentinel = useSentinel<HTMLDivElement>(
    loadOlder,
    thread.hasNextPage && !thread.isFetchingNextPage && items.length > 0,
  );

  // older messages rendered above: keep what the user was looking at where it was
  useLayoutEffect(() => {
    const box = viewport.current;
    if (box && fromBottom.current !== null) {
      box.scrollTop = box.scrollHeight - fromBottom.current;
      fromBottom.current = null;
    }
  }, [oldestId]);

  // a new newest message: follow it if the user was at the bottom, or if it is their own reply
  useLayoutEffect(() => {
    const box = viewport.current;
    if (!box || !newestId) return;
    if (pinned.current || ownReply) {
      box.scrollTop = box.scrollHeight;
      pinned.current = true;
    }
  }, [newestId, ownReply]);

  // images load after the text: stay at the bottom while the content grows
  const content = useCallback((inner: HTMLElement | null) => {
    if (!inner) return;
    const observer = new ResizeObserver(() => {
      const box = viewport.current;
      if (box && pinned.current) box.scrollTop = box.scrollHeight;
    });
    observer.observe(inner);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const box = viewport.current;
    if (!box) return;
    pinned.current = box.scrollHeight - box.scrollTop - box.clientHeight < PINNED_PX;
  };

  let body;
  if (thread.isPending) {
    body = (
      <Stack gap="sm" p="md" data-testid="thread-loading">
        <Skeleton h={48} w="60%" />
        <Skeleton h={48} w="50%" ml="auto" />
        <Skeleton h={48} w="55%" />
      </Stack>
    );
  } else if (thread.isError) {
    body = (
      <Box p="md">
        <ErrorState error={thread.error} onRetry={() => void thread.refetch()} />
      </Box>
    );
  } else if (items.length === 0) {
    body = (
      <EmptyState title="No messages yet">
        Write the first message below: outside WhatsApp&apos;s 24-hour window that has to be an
        approved template.
      </EmptyState>
    );
  } else {
    body = (
      <>
        {thread.hasNextPage && (
          <Center ref={sentinel} pt="sm">
            <Button
              variant="subtle"
              size="xs"
              loading={thread.isFetchingNextPage}
              onClick={loadOlder}
            >
              Load older
            </Button>
          </Center>
        )}
        <Stack
          ref={content}
          component="ul"
          aria-label="Messages"
          gap={6}
          p="md"
          m={0}
          style={{ listStyle: 'none' }}
        >
          {items.map((m, i) => {
            const day = dayLabel(m.createdAt);
            const previous = items[i - 1];
            const newDay = !previous || dayLabel(previous.createdAt) !== day;
            return (
              <Fragment key={m.id}>
                {newDay && (
                  <Box component="li" aria-hidden>
                    <Divider label={day} labelPosition="center" my={4} />
                  </Box>
                )}
                <MessageBubble message={m} channelName={channelNames.get(m.channelId) ?? null} />
              </Fragment>
            );
          })}
        </Stack>
      </>
    );
  }

  return (
    <Box
      ref={viewport}
      onScroll={onScroll}
      style={{ flex: 1, minHeight: 0, overflowY: 'auto' }}
      bg="gray.0"
      aria-busy={thread.isFetching}
    >
      {body}
    </Box>
  );
}
