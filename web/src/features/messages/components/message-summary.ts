import type { Message } from '../../../api/types';

const MEDIA = new Set(['image', 'video', 'audio', 'document', 'sticker']);

/** One line for a message of any type: its text, or a bracketed kind with what it carries. */
export function messageSummary(m: Message): string {
  const tagged = (kind: string, ...rest: (string | null | undefined)[]) =>
    [`[${kind}]`, ...rest.filter((r): r is string => Boolean(r))].join(' ');
  if (m.type === 'text') return m.body ?? '';
  if (MEDIA.has(m.type))
    return tagged(m.type, m.media?.caption ?? m.media?.filename ?? m.body ?? m.media?.link);
  if (m.type === 'template') {
    const t = m.template;
    if (!t) return tagged('template', m.body);
    const language = t.language ? ` (${t.language})` : '';
    const parameters = t.parameters.length > 0 ? `: ${t.parameters.join(', ')}` : '';
    return tagged('template', `${t.name}${language}${parameters}`);
  }
  if (m.type === 'location')
    return tagged('location', m.location?.name ?? m.location?.address ?? undefined);
  if (m.type === 'button' || m.type === 'interactive') return tagged('reply', m.replyTitle);
  if (m.type === 'unsupported') return '[unsupported]';
  return m.body ?? tagged(m.type);
}
