import { fieldErrors } from '../api/errors';
import { showApiError } from './notify';

interface FormWithErrors {
  values: object;
  setErrors: (errors: Record<string, string>) => void;
}

/**
 * Puts the server's field errors next to the matching inputs. Anything that no input can show
 * (no details, or details for fields the form does not have) goes to a notification instead.
 */
export function showFormErrors(form: FormWithErrors, err: unknown, title: string): void {
  const fields = fieldErrors(err);
  const known = Object.fromEntries(Object.entries(fields).filter(([f]) => f in form.values));
  if (Object.keys(known).length > 0) form.setErrors(known);
  if (Object.keys(known).length === 0 || Object.keys(known).length < Object.keys(fields).length) {
    showApiError(err, title);
  }
}
