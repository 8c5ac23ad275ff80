/**
 * Finds where a JSON text first breaks the grammar. Node's JSON.parse only sometimes gives a
 * position ("Unexpected token 'x', … is not valid JSON" has none), and a located error is the
 * point of the loader. Called only after JSON.parse has failed.
 */

export interface JsonSyntaxError { offset: number; message: string }

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (message: string, at = i): never => { throw { offset: at, message } satisfies JsonSyntaxError; };
  const ws = (): void => { while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++; };
  const describe = (): string => (i >= text.length ? 'the end of the file' : `"${text[i]}"`);

  function string(): void {
    const begin = i++;
    while (i < text.length && text[i] !== '"') {
      const c = text[i]!;
      if (c === '\n' || c < ' ') fail('line break or control character inside a string');
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') { if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape'); i += 6; continue; }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) fail(`bad escape "\\${e ?? ''}"`);
        i += 2;
        continue;
      }
      i++;
    }
    if (i >= text.length) fail('string never closed: missing "', begin);
    i++;
  }

  /**
   * Iterative, with the open containers on a stack of their closing characters: a file nested
   * thousands of levels deep (a fuzzer's, or a broken generator's) must get its located error,
   * not exhaust the call stack.
   */
  const closers: string[] = [];
  type State = 'value' | 'key' | 'after';

  function scalar(): void {
    const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail(`expected a value, found ${describe()}`);
    i += m![0].length;
  }

  /** opens a container at text[i]; the state that follows */
  function open(close: string): State {
    i++;
    ws();
    if (text[i] === close) { i++; return 'after'; }
    closers.push(close);
    return close === '}' ? 'key' : 'value';
  }

  function key(): void {
    ws();
    if (text[i] !== '"') fail(`expected a "quoted" key, found ${describe()}`);
    string();
    ws();
    if (text[i] !== ':') fail(`expected ":" after the key, found ${describe()}`);
    i++;
  }

  /** after a value: a comma, the container's end, or (at the top) the end of the text */
  function after(): State | 'done' {
    const close = closers.at(-1);
    ws();
    if (close === undefined) {
      if (i < text.length) fail(`unexpected ${describe()} after the end of the data`);
      return 'done';
    }
    if (text[i] === ',') {
      const comma = i++;
      ws();
      if (text[i] === close) fail(`trailing comma before "${close}"`, comma);
      return close === '}' ? 'key' : 'value';
    }
    if (text[i] === close) { i++; closers.pop(); return 'after'; }
    return fail(`expected "," or "${close}", found ${describe()}`);
  }

  function parse(): void {
    let state: State | 'done' = 'value';
    while (state !== 'done') {
      if (state === 'key') { key(); state = 'value'; continue; }
      if (state === 'after') { state = after(); continue; }
      ws();
      const c = text[i];
      if (c === '{') state = open('}');
      else if (c === '[') state = open(']');
      else { if (c === '"') string(); else scalar(); state = 'after'; }
    }
  }

  try {
    parse();
    return undefined;
  } catch (e) {
    return e as JsonSyntaxError;
  }
}
