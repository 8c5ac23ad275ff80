/**
 * HTML built with a tagged template that escapes every interpolated value unless it is marked
 * raw: scenario names and descriptions are user input and must never become markup.
 */
export class Raw {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Trusted markup (our own templates, or already escaped text). */
export function raw(s: string): Raw {
  return new Raw(s);
}

function piece(v: unknown): string {
  if (v instanceof Raw) return v.value;
  if (Array.isArray(v)) return v.map(piece).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0] ?? '';
  values.forEach((v, i) => { out += piece(v) + (strings[i + 1] ?? ''); });
  return new Raw(out);
}

/**
 * JSON that can sit inside a <script> element: "</script>", "<!--" and the JS line separators
 * cannot end or confuse the element, whatever the strings contain.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Text that will be inlined as a <script> body: a literal "</script" would close it early.
 * "<\/" means the same as "</" in JS strings and regular expressions, so the code is unchanged.
 */
export function scriptBody(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1');
}
