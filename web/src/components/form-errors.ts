import { fieldErrors } from '../api/errors';
import { showApiError } from './notify';

interface FormWithErrors {
  values: object;
  setErrors: (errors: Record<string, string>) => void;
}

/** The server names list items `meta.parameters[0]`; Mantine's form paths say `meta.parameters.0`. */
export function formPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

function hasPath(values: object, path: string): boolean {
  let current: unknown = values;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || !(key in current)) return false;
    current = (current as Record<string, unknown>)[key];
  }
  return true;
}

/**
 * Puts the server's field errors next to the matching inputs (nested ones too, e.g. `media.url`).
 * Anything that no input can show (no details, or details for fields the form does not have) goes
 * to a notification instead.
 */
export function showFormErrors(form: FormWithErrors, err: unknown, title: string): void {
  const fields = Object.entries(fieldErrors(err)).map(([f, message]) => [formPath(f), message]);
  const known = Object.fromEntries(fields.filter(([f]) => hasPath(form.values, f!)));
  if (Object.keys(known).length > 0) form.setErrors(known);
  if (Object.keys(known).length === 0 || Object.keys(known).length < fields.length) {
    showApiError(err, title);
  }
}
