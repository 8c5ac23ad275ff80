/**
 * HTML templates as tagged functions: every interpolated value is escaped unless it is already
 * `Html` (the result of another template), so user-supplied strings cannot inject markup.
 */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => ESCAPES[c] as string);
}

export type Interpolated = Html | string | number | boolean | null | undefined | readonly Interpolated[];

function render(v: Interpolated): string {
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Interpolated[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Trusted markup (constants of this code base only, never request data). */
export function raw(s: string): Html {
  return new Html(s);
}

export interface PageOptions {
  title: string;
  body: Html;
  /** CSP nonce for the page's inline <style> and <script> */
  nonce: string;
  script?: Html;
}

const STYLE = `
body{font-family:system-ui,sans-serif;max-width:44rem;margin:0 auto;padding:0 1rem;line-height:1.5;color:#161616}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;outline:3px solid #000091}
header,footer{border-bottom:1px solid #ddd;padding:.5rem 0}footer{border-top:1px solid #ddd;border-bottom:0;margin-top:2rem;font-size:.9rem}
label{display:block;margin-top:1rem;font-weight:600}input{font-size:1rem;padding:.4rem;width:100%;max-width:24rem}
button{margin-top:1rem;font-size:1rem;padding:.5rem 1rem;background:#000091;color:#fff;border:0;cursor:pointer}
button[disabled]{background:#888}.error{border-left:4px solid #ce0500;padding:.5rem 1rem;background:#fee}
.captcha{font-family:monospace;font-size:1.6rem;letter-spacing:.3rem;background:#eee;padding:.2rem .6rem}
.hint{font-weight:400;font-size:.9rem;color:#555;display:block}dt{font-weight:600}dd{margin:0 0 .6rem 0}
`;

export function page(o: PageOptions): Html {
  return html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} — guichet</title>
<style nonce="${o.nonce}">${raw(STYLE)}</style>
</head>
<body>
<a class="skip" href="#contenu">Aller au contenu principal</a>
<header role="banner"><p><a href="/">Préfecture — prise de rendez-vous</a></p></header>
<main id="contenu" role="main" tabindex="-1">
${o.body}
</main>
<footer role="contentinfo"><p>Service de démonstration guichet. Un rendez-vous est gratuit : ne payez jamais pour en obtenir un.</p></footer>
${o.script ? html`<script nonce="${o.nonce}">${o.script}</script>` : ''}
</body>
</html>
`;
}
