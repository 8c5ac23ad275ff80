/**
 * "localhost" names two loopback addresses, 127.0.0.1 and ::1, and a target listens on one of
 * them. A browser or curl tries both; autocannon connects to the first the resolver gives, which
 * may be the one nobody listens on, and would flood connection errors. So a flood of localhost
 * first finds which of the two accepts a connection and floods that address (the Host header
 * still says localhost).
 */
import { connect } from 'node:net';

function accepts(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The URL to connect to: `url` itself unless its host is localhost, then the loopback address that accepts (127.0.0.1 when neither does: the flood will report the errors). */
export async function connectableUrl(url: URL, timeoutMs = 2000): Promise<URL> {
  if (url.hostname.toLowerCase() !== 'localhost') return url;
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const out = new URL(url.href);
  out.hostname = !(await accepts('127.0.0.1', port, timeoutMs)) && (await accepts('::1', port, timeoutMs)) ? '[::1]' : '127.0.0.1';
  return out;
}
