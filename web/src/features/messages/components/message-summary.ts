import type { Message } from '../../../api/types';

const MEDIA = new Set(['image', 'video', 'audio', 'document', 'sticker']);

/** One line for a message of any type: its text, or a bracketed kind with what it carries. */
export function messageSummary(m: Message): string {
  const tagged = (kind: string, ...rest: (string | null | undefined)[]) =>
    [`[${kind}]`, ...rest.filter((r): r is string => Boolean(r))].join(' ');
  if (m.type === 'text') return m.body ?? '';
  if (MEDIA.has(m.type)) return tagged(m.type, m.media?.caption ?? m.media?.filename ?? m.body);
  if (m.type === 'template') return tagged('template', m.body);
  if (m.type === 'location')
    return tagged('location', m.location?.name ?? m.location?.address ?? undefined);
  if (m.type === 'button' || m.type === 'interactive') return tagged('reply', m.replyTitle);
  if (m.type === 'unsupported') return '[unsupported]';
  return m.body ?? tagged(m.type);
}
