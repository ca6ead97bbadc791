/**
 * The message body syntax as the server's parser (MessageBody.java) reads it, and the one edit AI
 * spinning needs: putting bodies side by side as spintax alternatives.
 *
 * Syntax: `{{ name | default }}` variables, `{a|b|c}` spintax (nested), `\{ \} \| \\` literal.
 * A lone backslash before any other character is text. `{{` starts a variable when what follows
 * up to the first `}}` is one, otherwise spintax whose first alternative starts with a brace.
 */

export type BodyNode =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: string; fallback: string | null }
  | { kind: 'spin'; alternatives: BodyNode[][] };

/** A body the server would reject, with the position (0-based) it names. */
export class SpintaxError extends Error {
  readonly position: number;

  constructor(position: number, message: string) {
    super(message);
    this.name = 'SpintaxError';
    this.position = position;
  }
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
const ESCAPABLE = '{}|\\';

interface Parsed {
  nodes: BodyNode[];
  /** Where each `|` that is plain text outside any braces is (they split an alternative). */
  topLevelBars: number[];
}

class Parser {
  at = 0;
  depth = 0;
  readonly topLevelBars: number[] = [];

  constructor(private readonly s: string) {}

  sequence(inSpin: boolean): BodyNode[] {
    const { s } = this;
    const nodes: BodyNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', text });
      text = '';
    };
    while (this.at < s.length) {
      const c = s[this.at]!;
      if (c === '\\') {
        if (this.at + 1 >= s.length) {
          throw new SpintaxError(this.at, 'A backslash must escape one of { } | \\');
        }
        const next = s[this.at + 1]!;
        if (!ESCAPABLE.includes(next)) {
          text += c; // a lone backslash is just text
          this.at++;
          continue;
        }
        text += next;
        this.at += 2;
      } else if (c === '{' && s[this.at + 1] === '{') {
        flush();
        nodes.push(this.variableOrSpin());
      } else if (c === '{') {
        flush();
        nodes.push(this.spin());
      } else if (c === '}') {
        if (inSpin) break;
        throw new SpintaxError(this.at, "Unbalanced '}' (write \\} for a literal brace)");
      } else if (c === '|' && inSpin) {
        break;
      } else {
        if (c === '|' && this.depth === 0) this.topLevelBars.push(this.at);
        text += c;
        this.at++;
      }
    }
    flush();
    return nodes;
  }

  private variableOrSpin(): BodyNode {
    const start = this.at;
    const problem = this.variableProblem(start);
    if (problem === null) return this.variable();
    try {
      return this.spin();
    } catch (err) {
      if (!(err instanceof SpintaxError)) throw err;
      this.at = start;
      throw new SpintaxError(start, problem);
    }
  }

  private variableProblem(from: number): string | null {
    const close = this.s.indexOf('}}', from + 2);
    if (close < 0) return "Unclosed '{{' (a variable ends with '}}')";
    const inside = this.s.substring(from + 2, close);
    if (inside.includes('{')) return "Unclosed '{{' (a variable ends with '}}')";
    const bar = inside.indexOf('|');
    const name = (bar < 0 ? inside : inside.substring(0, bar)).trim();
    if (!name) return "Empty variable '{{}}'";
    if (!VARIABLE_NAME.test(name)) {
      return `'${name}' is not a variable name (letters, digits, _ . -)`;
    }
    return null;
  }

  private variable(): BodyNode {
    const close = this.s.indexOf('}}', this.at + 2);
    const inside = this.s.substring(this.at + 2, close);
    const bar = inside.indexOf('|');
    const name = (bar < 0 ? inside : inside.substring(0, bar)).trim();
    const fallback = bar < 0 ? null : inside.substring(bar + 1).trim();
    this.at = close + 2;
    return { kind: 'variable', name: name.toLowerCase(), fallback };
  }

  private spin(): BodyNode {
    const start = this.at;
    this.at++; // '{'
    this.depth++;
    const alternatives: BodyNode[][] = [];
    for (;;) {
      alternatives.push(this.sequence(true));
      if (this.at >= this.s.length) {
        throw new SpintaxError(start, "Unclosed '{' (spintax ends with '}')");
      }
      if (this.s[this.at++] === '}') break;
      // '|': the next alternative
    }
    this.depth--;
    if (alternatives.length < 2) {
      throw new SpintaxError(
        start,
        'Spintax needs at least two alternatives, e.g. {Hi|Hello} (write \\{ for a brace)',
      );
    }
    return { kind: 'spin', alternatives };
  }
}

function parse(body: string): Parsed {
  const p = new Parser(body);
  const nodes = p.sequence(false);
  if (p.at < body.length) {
    throw new SpintaxError(p.at, `Unexpected '${body[p.at]}'`);
  }
  return { nodes, topLevelBars: p.topLevelBars };
}

/** The body's nodes as the server reads them. @throws SpintaxError where the server would */
export function parseBody(body: string): BodyNode[] {
  return parse(body).nodes;
}

/** Escapes the text characters that mean something in spintax: `\ { } |`. */
export function escapeText(text: string): string {
  return text.replace(/[\\{}|]/g, (c) => `\\${c}`);
}

/**
 * A body written so that it can stand as one alternative of a spintax: a `|` that was text at the
 * top level would split it, so it gets a backslash. Its variables, spintax and escapes stay as the
 * user (or the AI) wrote them.
 */
function asAlternative(body: string): string {
  const { topLevelBars } = parse(body);
  let out = '';
  let from = 0;
  for (const at of topLevelBars) {
    out += `${body.slice(from, at)}\\|`;
    from = at + 1;
  }
  return out + body.slice(from);
}

function sameNodes(a: BodyNode[][], b: BodyNode[][]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * `body` with `additions` as further spintax alternatives: plain `B` and `[V1, V2]` give
 * `{B|V1|V2}`; a body that is already one spintax as a whole (`{B|V1}`) gets them appended
 * (`{B|V1|V2}`) rather than nested. Every part is a body in the server's syntax (variables, spintax
 * and escapes keep their meaning); a `|` that was literal text gets a backslash.
 *
 * The result is read back with the server's rules and must mean exactly those alternatives; when
 * the parser's `{{` heuristics would read it otherwise, this throws rather than change the message.
 *
 * @throws SpintaxError when a part does not parse, or the parts cannot be combined unambiguously
 */
export function combineAlternatives(body: string, additions: readonly string[]): string {
  const nodes = parseBody(body);
  const whole = nodes.length === 1 && nodes[0]!.kind === 'spin' ? nodes[0] : null;
  const existing = whole ? spinSources(body) : [body];
  const expected = [
    ...(whole ? whole.alternatives : [nodes]),
    ...additions.map((a) => parseBody(a)),
  ];
  const parts = [...existing, ...additions];
  const result = `{${parts.map(asAlternative).join('|')}}`;

  let actual: BodyNode[];
  try {
    actual = parseBody(result);
  } catch {
    actual = [];
  }
  const spin = actual.length === 1 && actual[0]!.kind === 'spin' ? actual[0] : null;
  if (!spin || !sameNodes(spin.alternatives, expected)) {
    throw new SpintaxError(
      0,
      'These texts cannot be combined into spintax without changing their meaning; edit the message by hand',
    );
  }
  return result;
}

/** The source text of each alternative of a body that is one spintax as a whole. */
function spinSources(body: string): string[] {
  // Walk the outer braces: alternatives end at a `|` or `}` at depth 1, outside variables.
  const sources: string[] = [];
  const p = new Parser(body);
  p.at = 1;
  for (;;) {
    const start = p.at;
    p.sequence(true);
    sources.push(body.slice(start, p.at));
    if (body[p.at++] === '}') break;
  }
  return sources;
}
