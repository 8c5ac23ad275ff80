/**
 * A driver that books through the target's HTML forms without a browser, as a form-posting
 * scraper does: GET the counter page and read its slot links, GET the booking form and read its
 * hidden fields and challenge, POST the form urlencoded, follow the 303 to the convocation page
 * and read it. It is the worked example of a team's own driver (docs/drivers.md walks through
 * it): copy it, change the paths and the readers, and load it with `--driver ./my-driver.js`.
 *
 * What the site has no page for, it takes where a scraper would: the draw's result and the
 * waiting-room ticket's times from the JSON API, the mailbox and the counter's check-in from the
 * staff (admin) side, all through the HTTP driver. Outcomes are the HTTP driver's for the same
 * requests; the differences are in docs/drivers.md (a `captcha` opens the form of the slot the
 * session listed last; listings show 100 slots at most).
 *
 * Identity: `X-Forwarded-For` and `X-Session` on every request, as the HTTP driver (the session
 * header stands in for the session cookie a scraper would keep).
 */
import type { Action, Outcome } from '../../../bots/actions.js';
import type { AgentNet, CheckInAction, LiveDriver, LiveDriverOptions, TargetAction, WireAnswer } from '../driver.js';
import { HttpDriver } from '../http/http-driver.js';
import { sessionHeader } from '../http/identity.js';
import { jsonAnswer, mailedCode, okOutcome, rejected, unavailable } from '../http/wire-answers.js';
import { WirePool, type Headers, type WireResponse } from '../http/wire-pool.js';
import {
  convocationPage, formChallenge, formFields, parsePage, refusalOf, registrationPage, slotLinks,
} from './page-reading.js';

type HTMLPage = ReturnType<typeof parsePage>;
type Book = Extract<Action, { kind: 'book' }>;

const FORM_TYPE = 'application/x-www-form-urlencoded';
const enc = encodeURIComponent;

export function createFormsDriver(options: LiveDriverOptions): LiveDriver {
  return new FormsDriver(options);
}
export default createFormsDriver;

/** The answer of a page: failures and 5xx → UNAVAILABLE, 4xx → the refusal it shows, 2xx → `read(page)`. */
function pageAnswer(res: WireResponse, read: (page: HTMLPage) => Outcome | undefined): WireAnswer {
  if (res.failure !== undefined) return unavailable(res.status, res.failure);
  if (res.status >= 500) return unavailable(res.status);
  const page = parsePage(typeof res.body === 'string' ? res.body : '');
  if (res.status >= 400) {
    const code = refusalOf(page);
    return code === undefined ? unavailable(res.status, 'protocol') : rejected(code, res.status);
  }
  const outcome = read(page);
  return outcome === undefined ? unavailable(res.status, 'protocol') : { outcome, status: res.status };
}

/** A POST whose success is a 303 to `Location`: the location, or the answer that replaced it. */
function redirected(res: WireResponse): string | WireAnswer {
  if (res.status === 303 && res.location !== undefined) return res.location;
  return pageAnswer(res, () => undefined);
}

const identityFields = (i: Book['identity']) => ({
  firstName: i.firstName, lastName: i.lastName, email: i.email, phone: i.phone ?? '', agdref: i.agdref ?? '',
});

export class FormsDriver implements LiveDriver {
  private readonly pool: WirePool;
  /** JSON API and staff side, for what the pages do not show */
  private readonly api: HttpDriver;
  private readonly adminGet: Headers;
  /** session → the slot it listed first last time: the form a `captcha` opens */
  private readonly lastSlot = new Map<string, string>();
  /** session → the fields of the booking form opened for its captcha, posted by its next `book` */
  private readonly openForm = new Map<string, Record<string, string>>();
  /** booking → token, from the convocation links: the confirm form needs it */
  private readonly tokens = new Map<string, string>();

  constructor(options: LiveDriverOptions) {
    this.pool = WirePool.of(options);
    // one pool for pages and API alike: `connections` bounds the driver, not each half
    this.api = new HttpDriver(options, this.pool);
    this.adminGet = { authorization: `Bearer ${options.adminToken}` };
  }

  perform(net: AgentNet, a: TargetAction): Promise<WireAnswer> {
    switch (a.kind) {
      case 'list': return this.list(net, a.counter, a.limit ?? 50, a.minLeadMs ?? 0);
      case 'captcha': return this.captcha(net);
      case 'book': return this.book(net, a);
      case 'confirm': return this.confirm(net, a.bookingId, a.email);
      case 'cancel': return this.cancel(net, a.bookingId, a.token);
      case 'register': return this.register(net, a.counter, a.identity);
      case 'joinRoom': return this.joinRoom(net, a.counter);
      case 'lotteryResult': return this.lotteryResult(net, a);
      case 'ticket': return this.api.perform(net, a);
      // a batched decision is read over the JSON API (the request's page links the convocation, with its token)
      case 'bookingResult': return this.bookingResult(net, a);
    }
  }

  checkIn(a: CheckInAction): Promise<WireAnswer> {
    return this.api.checkIn(a);
  }

  async close(): Promise<void> {
    await this.api.close();
    await this.pool.close();
  }

  // ── the requests, as a browser without JavaScript would send them ──

  private headers(net: AgentNet, form = false): Headers {
    const h: Headers = { 'x-forwarded-for': net.ip, 'x-session': sessionHeader(net.session) };
    if (form) h['content-type'] = FORM_TYPE;
    return h;
  }

  private get(net: AgentNet, path: string): Promise<WireResponse> {
    return this.pool.send('GET', path, this.headers(net), null, 'text');
  }

  private post(net: AgentNet, path: string, fields: Record<string, string>): Promise<WireResponse> {
    return this.pool.send('POST', path, this.headers(net, true), new URLSearchParams(fields).toString(), 'text');
  }

  // ── the actions ──

  /** The counter page lists up to 100 slots; a lead filters them by the target's clock (/healthz). */
  private async list(net: AgentNet, counter: string, limit: number, lead: number): Promise<WireAnswer> {
    let from = -Infinity;
    if (lead > 0) {
      const health = await this.pool.send('GET', '/healthz', {}, null, 'json');
      const now = (health.body as { now?: unknown } | undefined)?.now;
      const clock = jsonAnswer(health, () => (typeof now === 'number' ? okOutcome() : undefined));
      if (clock.outcome.kind === 'rejected') return clock;
      from = (now as number) + lead;
    }
    const answer = pageAnswer(await this.get(net, `/guichets/${enc(counter)}`), (page) => {
      const slots = slotLinks(page, counter);
      return slots && { kind: 'slots', slots: slots.filter((s) => s.start > from).slice(0, limit) };
    });
    const first = answer.outcome.kind === 'slots' ? answer.outcome.slots[0] : undefined;
    if (first) this.lastSlot.set(net.session, first.id);
    return answer;
  }

  /** The challenge is the booking form's: open the form of the slot listed last and keep it for `book`. */
  private async captcha(net: AgentNet): Promise<WireAnswer> {
    const slotId = this.lastSlot.get(net.session);
    if (slotId === undefined) return rejected('NOT_FOUND', 0);
    return pageAnswer(await this.get(net, `/reserver?creneau=${enc(slotId)}`), (page) => {
      const challenge = formChallenge(page);
      const fields = formFields(page, '/reserver');
      if (!challenge || !fields) return undefined;
      this.openForm.set(net.session, fields);
      return { kind: 'challenge', challenge };
    });
  }

  private async book(net: AgentNet, a: Book): Promise<WireAnswer> {
    let fields = a.captcha ? this.openForm.get(net.session) : undefined;
    this.openForm.delete(net.session);
    if (!fields) {
      const path = `/reserver?creneau=${enc(a.slotId)}${a.ticket === undefined ? '' : `&ticket=${enc(a.ticket)}`}`;
      const form = await this.get(net, path);
      const opened = pageAnswer(form, (page) => {
        fields = formFields(page, '/reserver');
        return fields && okOutcome();
      });
      if (opened.outcome.kind === 'rejected') return opened;
    }
    const posted: Record<string, string> = { ...fields, slotId: a.slotId, ...identityFields(a.identity) };
    // the form's own challenge is not ours to answer: without a solved one, send none (CAPTCHA_REQUIRED, as the API)
    delete posted['captchaId'];
    delete posted['captchaAnswer'];
    if (a.captcha) Object.assign(posted, { captchaId: a.captcha.id, captchaAnswer: a.captcha.answer });
    if (a.ticket !== undefined) posted['ticket'] = a.ticket;
    const next = redirected(await this.post(net, '/reserver', posted));
    if (typeof next !== 'string') return next;
    // batch release: the form's request waits for its batch; its page shows no instants, the API's answer does
    if (next.startsWith('/demande/')) {
      const requestId = decodeURIComponent(next.slice('/demande/'.length));
      return this.api.perform(net, { kind: 'bookingResult', requestId });
    }
    const token = new URLSearchParams(next.split('?')[1] ?? '').get('token') ?? '';
    // the site's slot ids read `counter@date#desk`
    const counter = a.slotId.includes('@') ? a.slotId.slice(0, a.slotId.indexOf('@')) : '';
    return pageAnswer(await this.get(net, next), (page) => {
      const c = convocationPage(page);
      if (!c || !token) return undefined;
      this.tokens.set(c.bookingId, token);
      const out: Outcome = {
        kind: 'booked',
        convocation: { bookingId: c.bookingId, token, slotId: a.slotId, counter, slotStart: c.slotStart, name: c.name },
      };
      if (c.confirmBy !== undefined) out.confirmBy = c.confirmBy;
      return out;
    });
  }

  /** Reads the code in the mailbox (the admin mail route), types it in the convocation's confirm form. */
  private async confirm(net: AgentNet, bookingId: string, email: string): Promise<WireAnswer> {
    const token = this.tokens.get(bookingId);
    // a booking this driver did not make: no convocation link to open, so the API confirms it
    if (token === undefined) return this.api.perform(net, { kind: 'confirm', bookingId, email });
    const code = await mailedCode(this.pool, this.adminGet, email, bookingId);
    if (typeof code !== 'string') return code;
    const next = redirected(await this.post(net, `/convocation/${enc(bookingId)}/confirmer`, { token, code }));
    return typeof next === 'string' ? { outcome: okOutcome(), status: 303 } : next;
  }

  private async cancel(net: AgentNet, bookingId: string, token: string): Promise<WireAnswer> {
    const next = redirected(await this.post(net, `/convocation/${enc(bookingId)}/annuler`, { token }));
    return typeof next === 'string' ? { outcome: okOutcome(), status: 303 } : next;
  }

  private async register(net: AgentNet, counter: string, identity: Book['identity']): Promise<WireAnswer> {
    return pageAnswer(await this.post(net, `/guichets/${enc(counter)}/inscription`, identityFields(identity)), (page) => {
      const r = registrationPage(page);
      return r && { kind: 'registered', registrationId: r.registrationId, drawAt: r.drawAt };
    });
  }

  /** The room's button, then the ticket's times (its page shows a position, not the instants agents plan with). */
  private async joinRoom(net: AgentNet, counter: string): Promise<WireAnswer> {
    const next = redirected(await this.post(net, `/guichets/${enc(counter)}/file`, {}));
    if (typeof next !== 'string') return next;
    const ticketId = decodeURIComponent(next.slice(next.lastIndexOf('/') + 1));
    return this.api.perform(net, { kind: 'ticket', ticketId });
  }

  /** The API's decision, remembering the booked convocation's token for its confirm form. */
  private async bookingResult(net: AgentNet, a: Extract<TargetAction, { kind: 'bookingResult' }>): Promise<WireAnswer> {
    const answer = await this.api.perform(net, a);
    if (answer.outcome.kind === 'booked') this.tokens.set(answer.outcome.convocation.bookingId, answer.outcome.convocation.token);
    return answer;
  }

  /** No result page on the site: the API's, remembering the won booking's token for its confirm form. */
  private async lotteryResult(net: AgentNet, a: Extract<TargetAction, { kind: 'lotteryResult' }>): Promise<WireAnswer> {
    const answer = await this.api.perform(net, a);
    if (answer.outcome.kind === 'lottery' && answer.outcome.convocation) {
      this.tokens.set(answer.outcome.convocation.bookingId, answer.outcome.convocation.token);
    }
    return answer;
  }
}
