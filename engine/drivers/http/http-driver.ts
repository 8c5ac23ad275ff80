/**
 * The live driver of the target's JSON API (target/http/routes/api.ts, documented at
 * /openapi.json): each TargetAction is one request (two for `confirm` and a won `lotteryResult`,
 * which read the mail or the convocation), with the outcomes of the in-process driver.
 *
 * Identity: every agent request carries `X-Forwarded-For: <net.ip>` and `X-Session: <net.session>`
 * (encoded by identity.ts when the session has characters the header does not take);
 * the target counts the forwarded IP only when started with `--trust-proxy` (target/http/context.ts).
 * Reading the mail and the check-in at the counter are staff-side: they carry the admin bearer.
 *
 * Hot path, in the manner of autocannon: header objects are built once per agent (keyed by its
 * AgentNet) and paths once per counter and query; only the bodies an outcome needs are parsed.
 */
import type { Outcome } from '../../../bots/actions.js';
import type { AgentNet, CheckInAction, LiveDriver, LiveDriverOptions, TargetAction, WireAnswer } from '../driver.js';
import {
  batchRequestOutcome, bookOrBatchOutcome, challengeOutcome, checkInOutcome, convocationOf, jsonAnswer, mailedCode, okOutcome, registeredOutcome,
  rejected, slotsOutcome, ticketOutcome, unavailable,
} from './wire-answers.js';
import { sessionHeader } from './identity.js';
import { WirePool, type Headers } from './wire-pool.js';

const JSON_TYPE = 'application/json';
const EMPTY_BODY = '{}';
const enc = encodeURIComponent;

interface AgentHeaders { get: Headers; post: Headers }

export function createHttpDriver(options: LiveDriverOptions): LiveDriver {
  return new HttpDriver(options);
}

export class HttpDriver implements LiveDriver {
  private readonly pool: WirePool;
  private readonly ownsPool: boolean;
  private readonly byNet = new WeakMap<AgentNet, AgentHeaders>();
  private readonly listPaths = new Map<string, string>();
  private readonly adminGet: Headers;
  private readonly adminPost: Headers;

  /** `pool`: one to share (the forms driver's), closed by its owner; by default a pool of its own. */
  constructor(options: LiveDriverOptions, pool?: WirePool) {
    this.ownsPool = pool === undefined;
    this.pool = pool ?? WirePool.of(options);
    const bearer = `Bearer ${options.adminToken}`;
    this.adminGet = { authorization: bearer };
    this.adminPost = { authorization: bearer, 'content-type': JSON_TYPE };
  }

  perform(net: AgentNet, a: TargetAction): Promise<WireAnswer> {
    const h = this.headersOf(net);
    switch (a.kind) {
      case 'list':
        return this.json('GET', this.listPath(a.counter, a.limit ?? 50, a.minLeadMs ?? 0), h.get, null, slotsOutcome);
      case 'captcha':
        return this.json('POST', '/api/captcha', h.post, EMPTY_BODY, challengeOutcome);
      case 'book': {
        const body: Record<string, unknown> = { slotId: a.slotId, identity: a.identity };
        if (a.captcha) body['captcha'] = a.captcha;
        if (a.ticket !== undefined) body['ticket'] = a.ticket;
        return this.json('POST', '/api/bookings', h.post, JSON.stringify(body), bookOrBatchOutcome);
      }
      case 'bookingResult':
        return this.json('GET', `/api/booking-requests/${enc(a.requestId)}`, h.get, null, batchRequestOutcome);
      case 'confirm':
        return this.confirm(h, a.bookingId, a.email);
      case 'cancel':
        return this.empty('POST', `/api/bookings/${enc(a.bookingId)}/cancel`, h.post, JSON.stringify({ token: a.token }));
      case 'register':
        return this.json('POST', `/api/counters/${enc(a.counter)}/registrations`, h.post, JSON.stringify({ identity: a.identity }), registeredOutcome);
      case 'lotteryResult':
        return this.lotteryResult(h, a.registrationId);
      case 'joinRoom':
        return this.json('POST', `/api/counters/${enc(a.counter)}/waiting-room`, h.post, EMPTY_BODY, ticketOutcome);
      case 'ticket':
        return this.json('GET', `/api/waiting-room/${enc(a.ticketId)}`, h.get, null, ticketOutcome);
    }
  }

  checkIn(a: CheckInAction): Promise<WireAnswer> {
    const body = JSON.stringify({ bookingId: a.bookingId, counter: a.counter, firstName: a.presented.firstName, lastName: a.presented.lastName });
    return this.json('POST', '/api/check-in', this.adminPost, body, checkInOutcome);
  }

  close(): Promise<void> {
    return this.ownsPool ? this.pool.close() : Promise.resolve();
  }

  private headersOf(net: AgentNet): AgentHeaders {
    let h = this.byNet.get(net);
    if (h === undefined) {
      const session = sessionHeader(net.session);
      h = {
        get: { 'x-forwarded-for': net.ip, 'x-session': session },
        post: { 'x-forwarded-for': net.ip, 'x-session': session, 'content-type': JSON_TYPE },
      };
      this.byNet.set(net, h);
    }
    return h;
  }

  private listPath(counter: string, limit: number, lead: number): string {
    const key = `${counter}\u0000${limit}\u0000${lead}`;
    let path = this.listPaths.get(key);
    if (path === undefined) {
      path = `/api/counters/${enc(counter)}/slots?limit=${limit}${lead > 0 ? `&minLeadMs=${Math.round(lead)}` : ''}`;
      if (this.listPaths.size > 1024) this.listPaths.clear();
      this.listPaths.set(key, path);
    }
    return path;
  }

  private async json(method: 'GET' | 'POST', path: string, headers: Headers, body: string | null,
    ok: (body: any) => Outcome | undefined): Promise<WireAnswer> {
    return jsonAnswer(await this.pool.send(method, path, headers, body, 'json'), ok);
  }

  /** A request whose success carries nothing the agent needs: the body is not parsed. */
  private async empty(method: 'GET' | 'POST', path: string, headers: Headers, body: string | null): Promise<WireAnswer> {
    return jsonAnswer(await this.pool.send(method, path, headers, body, 'none'), okOutcome);
  }

  /** Reads the confirmation code from the mailbox (the admin mail route stands in for it), then confirms. */
  private async confirm(h: AgentHeaders, bookingId: string, email: string): Promise<WireAnswer> {
    const code = await mailedCode(this.pool, this.adminGet, email, bookingId);
    if (typeof code !== 'string') return code;
    return this.empty('POST', `/api/bookings/${enc(bookingId)}/confirm`, h.post, JSON.stringify({ code }));
  }

  /** The draw's result; when won, the convocation it booked, read back with the token it came with. */
  private async lotteryResult(h: AgentHeaders, registrationId: string): Promise<WireAnswer> {
    const res = await this.pool.send('GET', `/api/registrations/${enc(registrationId)}`, h.get, null, 'json');
    const reg = (res.body as { registration?: { outcome?: unknown; bookingId?: unknown; token?: unknown } } | undefined)?.registration;
    const answer = jsonAnswer(res, () => {
      if (!reg) return undefined;
      const out: Outcome = { kind: 'lottery' };
      if (reg.outcome === 'won' || reg.outcome === 'lost') out.outcome = reg.outcome;
      return out;
    });
    if (answer.outcome.kind !== 'lottery' || typeof reg?.bookingId !== 'string' || typeof reg.token !== 'string') return answer;
    const token = reg.token;
    const c = await this.pool.send('GET', `/api/bookings/${enc(reg.bookingId)}/convocation`, { ...h.get, 'x-booking-token': token }, null, 'json');
    const withConvocation = jsonAnswer(c, (b) => {
      const convocation = convocationOf(b, token);
      return convocation ? { ...answer.outcome, convocation } : undefined;
    });
    // a booking the draw made but that cannot be read back any more (purged since): the result without it
    return withConvocation.outcome.kind === 'rejected' && withConvocation.outcome.rejected !== 'UNAVAILABLE' ? answer : withConvocation;
  }
}

export default createHttpDriver;
