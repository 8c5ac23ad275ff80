/**
 * Agents' session names ("s-legit:workers:12") hold characters a session header may not
 * (the target accepts [A-Za-z0-9_-]{8,128}). On the wire each other character is spelled
 * `_xx_` (its code in hex) and `_` itself too, so distinct sessions stay distinct and stay
 * readable in the target's ledger.
 */
export function wireSession(session: string): string {
  const spelled = session.replace(/[^A-Za-z0-9-]/g, (ch) => `_${ch.charCodeAt(0).toString(16)}_`);
  return spelled.length >= 8 ? spelled : spelled.padEnd(8, '-');
}
