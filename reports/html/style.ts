/** The report's stylesheet, inlined so the page opens offline; readable on screen and on paper. */
export const STYLE = `
:root { --ink: #1d1d1f; --muted: #555; --line: #d6d6d6; --accent: #0b5394; --paper: #fff; --soft: #f5f6f8; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--paper); line-height: 1.5; }
body { margin: 0; }
main { max-width: 62rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .4rem; }
h2 { font-size: 1.4rem; margin: 2.5rem 0 .8rem; padding-bottom: .3rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; }
p, li, dd { max-width: 48rem; }
a { color: var(--accent); }
.question { font-size: 1.15rem; color: var(--muted); margin: 0 0 .6rem; }
.meta { color: var(--muted); font-size: .95rem; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; font-size: .95rem; }
.note { background: var(--soft); border-left: 4px solid var(--accent); padding: .6rem 1rem; }
.note.warning { border-left-color: #b45f06; }
.banner.mismatch { background: #fde8e8; border: 2px solid #b00020; color: #5c0010; padding: .6rem 1rem; margin-bottom: 1.2rem; }
.banner.mismatch ul { margin: .3rem 0; }
.gates.gates-fail { border-left: 4px solid #b00020; padding-left: .8rem; }
.gates.gates-pass { border-left: 4px solid #1b7f3b; padding-left: .8rem; }
tr.gate-pass td:first-child { color: #1b5e20; background: #e3f4e8; font-weight: 600; }
tr.gate-fail td:first-child { color: #5c0010; background: #fde8e8; font-weight: 700; }
.ledgers.ok { color: #1e6b2f; border-left: 4px solid #1e8a3a; padding: .3rem .8rem; background: #eaf6ec; }
.ledgers.mismatch { border-left: 4px solid #b00020; padding: .3rem .8rem; background: #fde8e8; }
.ledgers.mismatch a { color: #8a0019; font-weight: 600; }
table.live-errors { font-size: .88rem; }
.headlines { padding-left: 1.2rem; }
.headlines li { font-size: 1.1rem; margin-bottom: .7rem; }
.ranking li { margin-bottom: .4rem; }
.ranking .value { font-variant-numeric: tabular-nums; }
.tie { display: block; color: #7a4100; font-size: .95rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .95rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid var(--line); padding: .35rem .6rem; text-align: left; vertical-align: top; }
thead th { background: var(--soft); }
td.num { text-align: right; white-space: nowrap; }
.objective th[scope="row"]::after { content: " ★"; color: var(--accent); }
.table-wrap { overflow-x: auto; }
figure { margin: 1.5rem 0 2.2rem; padding: 0; }
.chart-box { position: relative; height: 340px; width: 100%; }
.multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: .8rem 1.2rem; }
.multiples.wide { grid-template-columns: 1fr; }
.panel-title { margin: 0; font-weight: 600; }
.chart-box.small { height: 230px; }
table.figures { font-size: .88rem; }
table.figures th, table.figures td { padding: .3rem .4rem; }
table.figures td.num { white-space: normal; }
table.figures .mean { white-space: nowrap; }
table.figures .ci { display: block; color: var(--muted); font-size: .85em; }
figcaption { color: var(--muted); margin-top: .5rem; max-width: 48rem; }
details { margin-top: .6rem; }
summary { cursor: pointer; color: var(--accent); }
pre { background: var(--soft); padding: .6rem; overflow-x: auto; font-size: .85rem; white-space: pre-wrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.2rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
dl.definitions dt { font-weight: 600; margin-top: .6rem; }
dl.definitions dd { margin-left: 0; }
code { font-size: .9em; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
footer { margin-top: 3rem; color: var(--muted); font-size: .9rem; border-top: 1px solid var(--line); padding-top: .8rem; }
@media print {
  main { max-width: none; padding: 0; }
  nav, summary { display: none; }
  h2 { break-after: avoid; }
  figure, table, .note { break-inside: avoid; }
  .chart-box { height: 300px; }
  .chart-box.small { height: 200px; }
  a { color: inherit; text-decoration: none; }
}
`;
