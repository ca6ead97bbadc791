import type { MessageCounts } from '../../../api/types';

/** One line or set of bars: a label, its colour and one value per x label. */
export interface ChartSeries {
  key: string;
  label: string;
  color: string;
  values: number[];
}

export type CountKey = keyof MessageCounts;

// The message-status badges' colours: delivered teal, read blue, failed red.
export const COUNT_LOOKS: Record<CountKey, { label: string; color: string }> = {
  sent: { label: 'Sent', color: '#868e96' },
  delivered: { label: 'Delivered', color: '#12b886' },
  read: { label: 'Read', color: '#228be6' },
  received: { label: 'Received', color: '#fd7e14' },
  failed: { label: 'Failed', color: '#fa5252' },
  agentReplies: { label: 'Agent replies', color: '#7950f2' },
  campaignSends: { label: 'Campaign sends', color: '#15aabf' },
};

/** The series for `keys`, one value per row of counts. */
export function countSeries(rows: readonly MessageCounts[], keys: readonly CountKey[]) {
  return keys.map((key): ChartSeries => ({
    key,
    label: COUNT_LOOKS[key].label,
    color: COUNT_LOOKS[key].color,
    values: rows.map((r) => r[key]),
  }));
}
