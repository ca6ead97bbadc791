import type { TemplateCategory } from '../../../api/types';

export const CATEGORY_LABELS = {
  marketing: 'Marketing',
  utility: 'Utility',
  authentication: 'Authentication',
} as const satisfies Record<TemplateCategory, string>;

export const CATEGORIES = Object.keys(CATEGORY_LABELS) as TemplateCategory[];

/** The media kinds the server accepts (TemplateMediaCmd.kind). */
export const MEDIA_KINDS = ['image', 'video', 'document'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];
