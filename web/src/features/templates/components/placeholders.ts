/** The variables every contact has (see the server's Variables: built-in names win over attributes). */
export const BUILT_IN_VARIABLES = ['name', 'first_name', 'last_name', 'phone', 'email'] as const;

/** What the server's parser accepts as a variable name. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

export const MAX_BODY_LENGTH = 4096;

/** Why `key` cannot be a variable name, or null when it can. */
export function variableNameProblem(key: string): string | null {
  if (key.trim() === '') return 'Type an attribute key';
  return VARIABLE_NAME.test(key.trim())
    ? null
    : 'Letters, digits, _ . - only, starting with a letter or _';
}

/** Why `fallback` cannot be a default inside `{{ … }}`, or null when it can. */
export function fallbackProblem(fallback: string): string | null {
  return /[{}]/.test(fallback) ? 'A default cannot contain { or }' : null;
}

/** `{{first_name}}`, or `{{ first_name | there }}` with a default for contacts without a value. */
export function placeholder(name: string, fallback = ''): string {
  const f = fallback.trim();
  return f ? `{{ ${name.trim()} | ${f} }}` : `{{${name.trim()}}}`;
}

/** `text` with `insert` replacing the selection [start, end), and where the cursor goes after it. */
export function insertAt(
  text: string,
  start: number,
  end: number,
  insert: string,
): { text: string; cursor: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + insert + text.slice(to), cursor: from + insert.length };
}
