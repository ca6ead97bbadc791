import type {
  Campaign,
  CampaignAudienceKind,
  CampaignPacingRequest,
  CampaignWeekday,
  SaveCampaignRequest,
} from '../../../api/types';
import { instantToZoned, zonedToInstant } from './zoned-time';

type Num = number | '';

/** The wizard's values; names follow SaveCampaignCmd so server field errors land on inputs. */
export interface WizardValues {
  name: string;
  audience: {
    kind: CampaignAudienceKind;
    audienceId: string | null;
    contactIds: string[];
    tags: string[];
    tagMatch: 'any' | 'all';
  };
  messageSource: 'template' | 'body';
  templateId: string | null;
  body: string;
  /** Alternative bodies rotated across recipients, each with the message's variables. */
  variants: string[];
  channelIds: string[];
  pacing: {
    delayMinSeconds: Num;
    delayMaxSeconds: Num;
    batchPauseEvery: Num;
    batchPauseMinMinutes: Num;
    batchPauseMaxMinutes: Num;
    window: { days: CampaignWeekday[]; startHour: Num; endHour: Num; timeZone: string };
  };
  windowEnabled: boolean;
  failureThreshold: Num;
  schedule: 'now' | 'later';
  /** A datetime-local value, in the workspace's time zone. */
  scheduledAt: string;
}

export const MAX_VARIANTS = 10;

export const WEEKDAYS: CampaignWeekday[] = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
];

export const STEP_FIELDS: string[][] = [
  ['name', 'audience'],
  ['templateId', 'body', 'messageSource', 'variants'],
  ['channelIds', 'pacing', 'failureThreshold', 'windowEnabled'],
  ['scheduledAt', 'schedule'],
];

/** Which wizard step shows the input for a (server or client) field path. */
export function stepOfField(field: string): number {
  const root = field.split(/[.[]/)[0] ?? '';
  const step = STEP_FIELDS.findIndex((fields) => fields.includes(root));
  return step === -1 ? STEP_FIELDS.length : step;
}

export function initialValues(timeZone: string): WizardValues {
  return {
    name: '',
    audience: { kind: 'all', audienceId: null, contactIds: [], tags: [], tagMatch: 'any' },
    messageSource: 'body',
    templateId: null,
    body: '',
    variants: [],
    channelIds: [],
    pacing: {
      delayMinSeconds: '',
      delayMaxSeconds: '',
      batchPauseEvery: '',
      batchPauseMinMinutes: '',
      batchPauseMaxMinutes: '',
      window: { days: WEEKDAYS.slice(0, 5), startHour: 9, endHour: 18, timeZone },
    },
    windowEnabled: false,
    failureThreshold: '',
    schedule: 'now',
    scheduledAt: '',
  };
}

function pair(
  errors: Record<string, string>,
  minKey: string,
  maxKey: string,
  min: Num,
  max: Num,
  what: string,
) {
  if ((min === '') !== (max === '')) {
    errors[min === '' ? minKey : maxKey] = `give both the minimum and the maximum ${what}`;
  } else if (min !== '' && max !== '') {
    if (min < 0) errors[minKey] = 'must not be negative';
    if (max < min) errors[maxKey] = 'must be at least the minimum';
  }
}

/** Client-side checks for one step; the server checks everything again. */
export function validateStep(
  step: number,
  v: WizardValues,
  workspaceTimeZone: string,
  now = Date.now(),
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (step === 0) {
    if (!v.name.trim()) errors.name = 'is required';
    if (v.audience.kind === 'audience' && !v.audience.audienceId) {
      errors['audience.audienceId'] = 'pick an audience';
    }
    if (v.audience.kind === 'contacts' && v.audience.contactIds.length === 0) {
      errors['audience.contactIds'] = 'pick at least one contact';
    }
    if (v.audience.kind === 'tags' && v.audience.tags.length === 0) {
      errors['audience.tags'] = 'name at least one tag';
    }
  }
  if (step === 1) {
    if (v.messageSource === 'template' && !v.templateId) errors.templateId = 'pick a template';
    if (v.messageSource === 'body' && !v.body.trim()) errors.body = 'write the message';
    if (v.messageSource === 'body' && v.body.length > 4096) {
      errors.body = 'must be at most 4096 characters';
    }
    if (v.variants.length > MAX_VARIANTS) errors.variants = `at most ${MAX_VARIANTS} variants`;
    v.variants.forEach((variant, i) => {
      if (!variant.trim()) errors[`variants.${i}`] = 'write the variant or remove it';
      else if (variant.length > 4096) errors[`variants.${i}`] = 'must be at most 4096 characters';
    });
  }
  if (step === 2) {
    const p = v.pacing;
    if (v.channelIds.length === 0) errors.channelIds = 'must name at least one channel';
    pair(
      errors,
      'pacing.delayMinSeconds',
      'pacing.delayMaxSeconds',
      p.delayMinSeconds,
      p.delayMaxSeconds,
      'delay',
    );
    if (p.batchPauseEvery !== '' && p.batchPauseEvery < 1) {
      errors['pacing.batchPauseEvery'] = 'must be at least 1';
    }
    if (
      p.batchPauseEvery !== '' ||
      p.batchPauseMinMinutes !== '' ||
      p.batchPauseMaxMinutes !== ''
    ) {
      if (p.batchPauseEvery === '')
        errors['pacing.batchPauseEvery'] = 'how many sends between pauses';
      pair(
        errors,
        'pacing.batchPauseMinMinutes',
        'pacing.batchPauseMaxMinutes',
        p.batchPauseMinMinutes,
        p.batchPauseMaxMinutes,
        'pause',
      );
      if (p.batchPauseMinMinutes === '' && p.batchPauseMaxMinutes === '') {
        errors['pacing.batchPauseMinMinutes'] = 'how long to pause';
      }
    }
    if (v.windowEnabled) {
      const w = p.window;
      if (w.days.length === 0) errors['pacing.window.days'] = 'must name at least one day';
      if (w.startHour === '' || w.startHour < 0 || w.startHour > 23) {
        errors['pacing.window.startHour'] = 'must be between 0 and 23';
      }
      if (w.endHour === '' || w.endHour < 1 || w.endHour > 24) {
        errors['pacing.window.endHour'] = 'must be between 1 and 24';
      } else if (w.startHour !== '' && w.endHour <= w.startHour) {
        errors['pacing.window.endHour'] = 'must be after the start';
      }
    }
    if (v.failureThreshold !== '' && (v.failureThreshold < 1 || v.failureThreshold > 100)) {
      errors.failureThreshold = 'must be between 1 and 100';
    }
  }
  if (step === 3 && v.schedule === 'later') {
    const at = zonedToInstant(v.scheduledAt, workspaceTimeZone);
    if (!at) errors.scheduledAt = 'pick a date and time';
    else if (new Date(at).getTime() <= now) errors.scheduledAt = 'must be in the future';
  }
  return errors;
}

const num = (n: Num) => (n === '' ? null : n);

/** The request for POST /api/v1/campaigns, in the workspace's time zone. */
export function toRequest(v: WizardValues, workspaceTimeZone: string): SaveCampaignRequest {
  const p = v.pacing;
  const pacing: CampaignPacingRequest = {
    delayMinSeconds: num(p.delayMinSeconds),
    delayMaxSeconds: num(p.delayMaxSeconds),
    batchPauseEvery: num(p.batchPauseEvery),
    batchPauseMinMinutes: num(p.batchPauseMinMinutes),
    batchPauseMaxMinutes: num(p.batchPauseMaxMinutes),
    window: v.windowEnabled
      ? {
          days: p.window.days,
          startHour: p.window.startHour === '' ? 0 : p.window.startHour,
          endHour: p.window.endHour === '' ? 24 : p.window.endHour,
          timeZone: p.window.timeZone || null,
        }
      : null,
  };
  return {
    name: v.name.trim(),
    templateId: v.messageSource === 'template' ? v.templateId : null,
    body: v.messageSource === 'body' ? v.body : null,
    variants: v.variants.map((x) => x.trim()).filter((x) => x !== ''),
    audience: {
      kind: v.audience.kind,
      audienceId: v.audience.kind === 'audience' ? v.audience.audienceId : null,
      contactIds: v.audience.kind === 'contacts' ? v.audience.contactIds : null,
      tags: v.audience.kind === 'tags' ? v.audience.tags : null,
      tagMatch: v.audience.kind === 'tags' ? v.audience.tagMatch : null,
    },
    channelIds: v.channelIds,
    scheduledAt:
      v.schedule === 'later' ? (zonedToInstant(v.scheduledAt, workspaceTimeZone) ?? null) : null,
    pacing,
    failureThreshold: num(v.failureThreshold),
  };
}

const orEmpty = (n: number | null | undefined): Num => (n === null || n === undefined ? '' : n);

/** The wizard's values for editing a saved (draft or scheduled) campaign. */
export function fromCampaign(c: Campaign, workspaceTimeZone: string): WizardValues {
  const p = c.pacing;
  const blank = initialValues(workspaceTimeZone);
  return {
    name: c.name,
    audience: {
      kind: c.audience.kind,
      audienceId: c.audience.audienceId,
      contactIds: c.audience.contactIds,
      tags: c.audience.tags,
      tagMatch: c.audience.tagMatch,
    },
    messageSource: c.templateId ? 'template' : 'body',
    templateId: c.templateId,
    body: c.body ?? '',
    variants: c.variants,
    channelIds: c.channelIds,
    pacing: {
      delayMinSeconds: orEmpty(p.delayMinSeconds),
      delayMaxSeconds: orEmpty(p.delayMaxSeconds),
      batchPauseEvery: orEmpty(p.batchPauseEvery),
      batchPauseMinMinutes: orEmpty(p.batchPauseMinMinutes),
      batchPauseMaxMinutes: orEmpty(p.batchPauseMaxMinutes),
      window: p.window
        ? {
            days: p.window.days,
            startHour: p.window.startHour,
            endHour: p.window.endHour,
            timeZone: p.window.timeZone,
          }
        : blank.pacing.window,
    },
    windowEnabled: p.window !== null,
    failureThreshold: orEmpty(c.failureThreshold),
    schedule: c.scheduledAt ? 'later' : 'now',
    scheduledAt: c.scheduledAt ? instantToZoned(c.scheduledAt, workspaceTimeZone) : '',
  };
}
