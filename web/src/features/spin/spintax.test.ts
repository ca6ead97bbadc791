import { describe, expect, it } from 'vitest';
import { combineAlternatives, escapeText, parseBody, SpintaxError } from './spintax';

describe('parseBody', () => {
  it('reads text, variables with defaults, nested spintax and escapes as the server does', () => {
    expect(parseBody('Hi {{ First_Name | there }}, {a|{b|c}} \\{x\\} \\| \\\\ C:\\dir')).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'variable', name: 'first_name', fallback: 'there' },
      { kind: 'text', text: ', ' },
      {
        kind: 'spin',
        alternatives: [
          [{ kind: 'text', text: 'a' }],
          [
            {
              kind: 'spin',
              alternatives: [[{ kind: 'text', text: 'b' }], [{ kind: 'text', text: 'c' }]],
            },
          ],
        ],
      },
      { kind: 'text', text: ' {x} | \\ C:\\dir' },
    ]);
  });

  it('reads {{ followed by spintax as spintax', () => {
    expect(parseBody('{{Hi|Hello}|Hey}')).toEqual([
      {
        kind: 'spin',
        alternatives: [
          [
            {
              kind: 'spin',
              alternatives: [[{ kind: 'text', text: 'Hi' }], [{ kind: 'text', text: 'Hello' }]],
            },
          ],
          [{ kind: 'text', text: 'Hey' }],
        ],
      },
    ]);
  });

  it.each([
    ['Hi }', "Unbalanced '}'"],
    ['{Hi', "Unclosed '{'"],
    ['{Hi}', 'at least two alternatives'],
    ['{{ }}', 'Empty variable'],
    ['{{first name}}', 'not a variable name'],
    ['ends with \\', 'A backslash'],
  ])('rejects %s', (body, message) => {
    expect(() => parseBody(body)).toThrow(SpintaxError);
    expect(() => parseBody(body)).toThrow(message);
  });

  it('keeps a | outside braces as text', () => {
    expect(parseBody('a | b')).toEqual([{ kind: 'text', text: 'a | b' }]);
  });
});

describe('escapeText', () => {
  it('escapes the characters spintax gives a meaning to', () => {
    expect(escapeText('a{b}c|d\\e')).toBe('a\\{b\\}c\\|d\\\\e');
    expect(parseBody(escapeText('a{b}c|d\\e'))).toEqual([{ kind: 'text', text: 'a{b}c|d\\e' }]);
  });
});

describe('combineAlternatives', () => {
  it('wraps a plain body and its variants in one spintax', () => {
    expect(combineAlternatives('Hi there', ['Hello there', 'Hey there'])).toBe(
      '{Hi there|Hello there|Hey there}',
    );
  });

  it('keeps variables, with their defaults and spacing, intact', () => {
    expect(
      combineAlternatives('Hi {{ first_name | there }}!', ['Hello {{ first_name | there }}!']),
    ).toBe('{Hi {{ first_name | there }}!|Hello {{ first_name | there }}!}');
  });

  it('escapes a | that was literal text, but not one inside a variable or spintax', () => {
    const result = combineAlternatives('Sale | today only', ['{Sale|Offer} \\| {{x|y}} | now']);
    expect(result).toBe('{Sale \\| today only|{Sale|Offer} \\| {{x|y}} \\| now}');
    const [spin] = parseBody(result);
    expect(spin).toMatchObject({ kind: 'spin' });
    expect(spin?.kind === 'spin' && spin.alternatives).toEqual([
      [{ kind: 'text', text: 'Sale | today only' }],
      [
        ...parseBody('{Sale|Offer}'),
        { kind: 'text', text: ' | ' },
        { kind: 'variable', name: 'x', fallback: 'y' },
        { kind: 'text', text: ' | now' },
      ],
    ]);
  });

  it('keeps escaped braces and backslashes as they were', () => {
    expect(combineAlternatives('Use \\{code\\} C:\\dir \\\\', ['Type \\{code\\}'])).toBe(
      '{Use \\{code\\} C:\\dir \\\\|Type \\{code\\}}',
    );
  });

  it('appends to a body that is already one spintax instead of nesting it', () => {
    const once = combineAlternatives('Hi {{name}}', ['Hello {{name}}']);
    expect(once).toBe('{Hi {{name}}|Hello {{name}}}');
    expect(combineAlternatives(once, ['Hey {{name}}'])).toBe(
      '{Hi {{name}}|Hello {{name}}|Hey {{name}}}',
    );
  });

  it('nests a body that has spintax in only a part of it', () => {
    expect(combineAlternatives('{Hi|Hello} {{name}}', ['Hey {{name}}'])).toBe(
      '{{Hi|Hello} {{name}}|Hey {{name}}}',
    );
  });

  it('refuses a combination the server would read as a variable', () => {
    // `{{a|b}!|c\}}` would be the variable {{a}} with the default "b}!|c\"
    expect(() => combineAlternatives('{a|b}!', ['c\\}'])).toThrow(/cannot be combined/);
  });

  it('refuses a body that does not parse', () => {
    expect(() => combineAlternatives('Hi {', ['Hello'])).toThrow(SpintaxError);
  });
});
