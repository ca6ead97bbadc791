import { describe, expect, it } from 'vitest';
import { fallbackProblem, insertAt, placeholder, variableNameProblem } from './placeholders';

describe('placeholders', () => {
  it('writes a variable with or without a default', () => {
    expect(placeholder('first_name')).toBe('{{first_name}}');
    expect(placeholder('first_name', ' there ')).toBe('{{ first_name | there }}');
  });

  it('replaces the selection and puts the cursor after the insert', () => {
    expect(insertAt('Hi  !', 3, 3, '{{name}}')).toEqual({ text: 'Hi {{name}} !', cursor: 11 });
    expect(insertAt('Hi you!', 3, 6, '{{name}}')).toEqual({ text: 'Hi {{name}}!', cursor: 11 });
    // a stale selection past the end appends
    expect(insertAt('Hi', 10, 12, '!')).toEqual({ text: 'Hi!', cursor: 3 });
  });

  it('accepts the variable names the server parses, and defaults without braces', () => {
    expect(variableNameProblem('loyalty.tier-2')).toBeNull();
    expect(variableNameProblem('2fast')).not.toBeNull();
    expect(variableNameProblem('has space')).not.toBeNull();
    expect(variableNameProblem('')).toBe('Type an attribute key');
    expect(fallbackProblem('there')).toBeNull();
    expect(fallbackProblem('a}b')).not.toBeNull();
  });
});
