import { ApiError, fieldErrors } from '../../../api/errors';

/** The server names config fields `config.phoneNumberId`; the forms keep them flat. */
export function flatFieldErrors(err: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fieldErrors(err)).map(([field, message]) => [
      field.replace(/^config\./, ''),
      message,
    ]),
  );
}

/** The plan that would allow another channel, when the server refused one for the plan's limit. */
export function upgradePlan(err: unknown): string | undefined {
  if (!(err instanceof ApiError) || err.code !== 'upgrade_required') return undefined;
  return err.details.find((d) => d.field === 'plan')?.message ?? 'a higher';
}
