/**
 * The fixed part of an exported k6 script: the visit of a person and the poll of a bot over the
 * target's JSON API (target/http/routes/api.ts), as the harness's HTTP driver makes them. Kept
 * as text because it runs in k6, not in Node; the export's tests type-check the whole script
 * against @types/k6 and run it against the real target.
 */
export const K6_RUNTIME = String.raw`
interface Slot { id: string; start: number }
interface Challenge { id: string; kind: 'challenge' | 'proof-of-work'; prompt: string; difficulty?: number }
interface SetupData { captchaRequired: boolean }
type Headers = Record<string, string>;

const FIRST_NAMES = ['Amina', 'Jean', 'Fatou', 'Mehdi', 'Lucie', 'Karim', 'Nadia', 'Pierre', 'Aïcha', 'Youssef'];
const LAST_NAMES = ['Diallo', 'Martin', 'Benali', 'Nguyen', 'Moreau', 'Traoré', 'Haddad', 'Petit', 'Camara', 'Roux'];

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
const randomId = (): string => Math.random().toString(36).slice(2, 12).padEnd(10, '0');
const seconds = (s: number): void => { if (s > 0) sleep(s * TIME_SCALE); };
const url = (path: string): string => BASE_URL.replace(/\/$/, '') + path;

/** Asked once before the load: whether the target's policy wants a captcha. */
export function setup(): SetupData {
  const res = http.get(url('/api/counters'), { tags: { route: 'setup' } });
  if (res.status !== 200) throw new Error('GET /api/counters answered ' + res.status + ': is the target at ' + BASE_URL + '?');
  const body = res.json() as unknown as { captchaRequired?: boolean };
  return { captchaRequired: body.captchaRequired === true };
}

function leadingZeroBits(hex: string): number {
  let bits = 0;
  for (const ch of hex) {
    const v = parseInt(ch, 16);
    if (v === 0) { bits += 4; continue; }
    return bits + (v < 2 ? 3 : v < 4 ? 2 : v < 8 ? 1 : 0);
  }
  return bits;
}

/** The text to type back, or the nonce of a proof-of-work (sha256 of "prompt:nonce" with enough leading zero bits). */
function solve(c: Challenge): string {
  if (c.kind === 'challenge') return c.prompt;
  const difficulty = c.difficulty ?? 17;
  for (let n = 0; n < 1 << 26; n++) {
    if (leadingZeroBits(sha256(c.prompt + ':' + n, 'hex')) >= difficulty) return String(n);
  }
  return '0';
}

/** A challenge answered after thinkSeconds, right with probability accuracy; undefined when none came. */
function captchaAnswer(headers: Headers, thinkSeconds: number, accuracy: number): { id: string; answer: string } | undefined {
  const res = http.post(url('/api/captcha'), '{}', { headers: { ...headers, 'Content-Type': 'application/json' }, tags: { route: 'captcha' } });
  check(res, { 'captcha issued (201, or 429 rate-limited)': (r) => r.status === 201 || r.status === 429 });
  if (res.status !== 201) return undefined;
  const challenge = (res.json() as unknown as { challenge: Challenge }).challenge;
  seconds(thinkSeconds);
  return { id: challenge.id, answer: Math.random() < accuracy ? solve(challenge) : 'WRONG' };
}

function listSlots(headers: Headers, counter: string): Slot[] {
  const res = http.get(url('/api/counters/' + encodeURIComponent(counter) + '/slots?limit=50'), { headers, tags: { route: 'list' } });
  check(res, { 'slot list answered (200, or 429 rate-limited)': (r) => r.status === 200 || r.status === 429 });
  if (res.status !== 200) return [];
  return (res.json() as unknown as { slots?: Slot[] }).slots ?? [];
}

/** 201 booked; 409 taken or over a limit, 403 a wrong captcha, 429 rate-limited: answers, not failures. */
function book(headers: Headers, slotId: string, identity: Record<string, string>, captcha: { id: string; answer: string } | undefined): boolean {
  const body: Record<string, unknown> = { slotId, identity };
  if (captcha) body['captcha'] = captcha;
  const res = http.post(url('/api/bookings'), JSON.stringify(body), { headers: { ...headers, 'Content-Type': 'application/json' }, tags: { route: 'book' } });
  check(res, { 'booking answered (201, 403, 409 or 429)': (r) => [201, 403, 409, 429].includes(r.status) });
  return res.status === 201;
}

function identity(email: string, agdref: boolean): Record<string, string> {
  const id: Record<string, string> = { firstName: pick(FIRST_NAMES), lastName: pick(LAST_NAMES), email };
  if (agdref) id['agdref'] = String(Math.floor(1e9 + Math.random() * 9e9));
  return id;
}

/** One person's visit: a fresh session, their own address or a shared one; list, then fill the form and book. */
function visit(flow: PeopleFlow, data: SetupData): void {
  const session = 'p-' + randomId() + randomId();
  const k = Math.floor(Math.random() * flow.sharedIps);
  const ip = Math.random() < flow.sharedIp
    ? '100.64.' + (Math.floor(k / 256) % 64) + '.' + (k % 256)
    : '10.' + Math.floor(Math.random() * 256) + '.' + Math.floor(Math.random() * 256) + '.' + Math.floor(Math.random() * 256);
  const headers: Headers = { 'X-Forwarded-For': ip, 'X-Session': session };
  const slots = listSlots(headers, flow.counter);
  if (slots.length === 0) return;
  const slot = slots[Math.floor(Math.random() * Math.min(slots.length, 10))] as Slot;
  const email = Math.random() < flow.sharedEmail ? 'shared-' + flow.group + '-' + Math.floor(Math.random() * 10) + '@example.test' : session + '@example.test';
  seconds(flow.bookSeconds);
  const captcha = data.captchaRequired ? captchaAnswer(headers, flow.captchaSeconds, 1 - flow.captchaFailRate) : undefined;
  if (data.captchaRequired && captcha === undefined) return;
  book(headers, slot.id, identity(email, flow.agdref), captcha);
}

let heldByThisVu = 0;
const vuTag = randomId();

/** One poll of a bot: every counter of its crew, booking the first slot shown while it may hold more. */
function poll(flow: CrewFlow, data: SetupData): void {
  const agent = (__VU - 1) % flow.agents;
  const ipIndex = flow.ips >= flow.agents ? agent : Math.floor(Math.random() * flow.ips);
  const headers: Headers = { 'X-Forwarded-For': '2001:db8:' + flow.index.toString(16) + '::' + ipIndex.toString(16), 'X-Session': 'c-' + flow.crew + '-' + agent + '-' + vuTag };
  for (const counter of flow.counters) {
    if (flow.maxHeldPerAgent !== undefined && heldByThisVu >= flow.maxHeldPerAgent) break;
    const slot = listSlots(headers, counter)[0];
    if (slot === undefined) continue;
    const captcha = data.captchaRequired && flow.solver ? captchaAnswer(headers, flow.solver.latencySeconds, flow.solver.accuracy) : undefined;
    seconds(flow.bookSeconds);
    const email = flow.crew + '-' + Math.floor(Math.random() * flow.identities) + '@example.test';
    if (book(headers, slot.id, identity(email, false), captcha)) heldByThisVu++;
  }
  seconds(flow.pollSeconds + (Math.random() * 2 - 1) * flow.jitterSeconds);
}
`;
