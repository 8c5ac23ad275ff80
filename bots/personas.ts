/**
 * Legitimate personas: who they are (names as on their papers and as they type them, e-mail,
 * AGDREF), when they need a slot, how attentive and how skilled they are, what they will pay.
 * Every draw comes from the persona's own stream, so a persona is the same in every policy of a
 * replication (common random numbers) and does not depend on how many others exist.
 */
import type { Faker as FakerClass, Randomizer } from '@faker-js/faker';
import { faker as frenchFaker } from '@faker-js/faker/locale/fr';
import type { LegitGroup } from '../scenarios/schema.js';
import type { Persona, RandomStream } from './context.js';
import { FAKER_FR_WEIGHT, NAME_POOLS, TRANSLITERATIONS, type NamePool } from './names.js';

const DAY = 86_400_000;

/**
 * Faker's own generator costs ~0.1 ms to reseed; this one (mulberry32) costs nothing and is as
 * deterministic. Faker calls its methods unbound, hence the closures.
 */
function seedableRandomizer(): Randomizer {
  let state = 1;
  return {
    next: () => {
      let t = (state = (state + 0x6d2b79f5) | 0);
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    seed: (seed) => {
      state = (Array.isArray(seed) ? (seed[0] ?? 0) : seed) | 0;
    },
  };
}

const randomizer = seedableRandomizer();
/**
 * Faker's main entry loads every locale (~35 MB and ~0.3 s in each worker thread); its French
 * entry loads only French, with English and base data behind it. Its instance cannot take the
 * randomizer above, so another is built with its class on its definitions. The names drawn
 * (person.first_name, last_name, last_name_pattern) all come from the French data either way.
 */
const Faker = frenchFaker.constructor as typeof FakerClass;
const faker = new Faker({ locale: frenchFaker.rawDefinitions, randomizer });

export interface PersonaSpec {
  /** unique across the whole population: AGDREF numbers derive from it */
  globalIndex: number;
  /** index within the group */
  index: number;
  arrivalAt: number;
  rng: RandomStream;
  /** number of shared (association, family) e-mail addresses in the group */
  sharedEmails: number;
}

interface Named { first: string; last: string; origin: string; familyFirst: boolean }

function pickPool(rng: RandomStream): NamePool | undefined {
  let total = FAKER_FR_WEIGHT;
  for (const p of NAME_POOLS) total += p.weight;
  let x = rng.next() * total;
  for (const p of NAME_POOLS) if ((x -= p.weight) < 0) return p;
  return undefined;
}

function drawName(rng: RandomStream): Named {
  const female = rng.chance(0.5);
  const pool = pickPool(rng);
  if (!pool) {
    faker.seed(rng.int(2 ** 31));
    const sex = female ? 'female' : 'male';
    return { first: faker.person.firstName(sex), last: faker.person.lastName(), origin: 'francophone', familyFirst: false };
  }
  return {
    first: rng.pick(female ? pool.female : pool.male),
    last: rng.pick(pool.last),
    origin: pool.origin,
    familyFirst: pool.familyFirst ?? false,
  };
}

const stripAccents = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '');

const slugs = new Map<string, string>();

/** ASCII, lower case, letters and digits only: what goes into an e-mail address. */
export function slug(s: string): string {
  let out = slugs.get(s);
  if (out === undefined) {
    out = stripAccents(s).toLowerCase().replace(/[^a-z0-9]+/g, '');
    // names repeat a lot; the bound only guards against unbounded growth
    if (slugs.size < 100_000) slugs.set(s, out);
  }
  return out;
}

function typo(rng: RandomStream, s: string): string {
  if (s.length < 3) return `${s}${s.at(-1) ?? 'e'}`;
  const i = 1 + rng.int(s.length - 2);
  return rng.chance(0.5)
    ? s.slice(0, i) + (s[i + 1] ?? '') + (s[i] ?? '') + s.slice(i + 2)   // two letters swapped
    : s.slice(0, i) + s.slice(i + 1);                                   // one letter dropped
}

function transliterate(rng: RandomStream, s: string): string | undefined {
  const rules = TRANSLITERATIONS.filter(([re]) => re.test(s));
  if (rules.length === 0) return undefined;
  const [re, to] = rng.pick(rules);
  return s.replace(re, to);
}

/**
 * How a person who does not type their name exactly writes it: accents dropped or names in the
 * other order (a counter accepts both), another transliteration, a compound surname cut short or
 * a typo (it does not).
 */
export function nameVariant(rng: RandomStream, papers: { firstName: string; lastName: string }): { firstName: string; lastName: string } {
  const { firstName, lastName } = papers;
  const x = rng.next();
  if (x < 0.35) return { firstName: stripAccents(firstName), lastName: stripAccents(lastName) };
  if (x < 0.5) return { firstName: lastName, lastName: firstName };
  if (x < 0.7) {
    const t = transliterate(rng, lastName);
    if (t !== undefined) return { firstName, lastName: t };
    const f = transliterate(rng, firstName);
    if (f !== undefined) return { firstName: f, lastName };
  }
  if (x < 0.8) {
    const parts = lastName.split(/[\s-]+/).filter((p) => p.length > 0);
    if (parts.length > 1) return { firstName, lastName: rng.pick(parts) };
  }
  return { firstName, lastName: typo(rng, lastName) };
}

const ranges = new Map<string, readonly [number, number]>();

/** "08:00-22:00" → [480, 1320]; one frozen pair per text (a group's people all share it). */
function minutesRange(hours: string): readonly [number, number] {
  let r = ranges.get(hours);
  if (!r) {
    const [from, to] = hours.split('-') as [string, string];
    const m = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
    ranges.set(hours, (r = Object.freeze([m(from), m(to)] as const)));
  }
  return r;
}

/** AGDREF-like file number: département 34 then 8 digits, a bijection of the global index. */
export function agdrefOf(globalIndex: number): string {
  return `34${String((globalIndex * 7919 + 10_000_019) % 100_000_000).padStart(8, '0')}`;
}

const MAIL_DOMAINS = ['gmail.com', 'hotmail.fr', 'yahoo.fr', 'outlook.fr', 'orange.fr', 'laposte.net'];

export function makePersona(group: LegitGroup, spec: PersonaSpec): Persona {
  const { rng } = spec;
  const name = drawName(rng);
  const papers = { firstName: name.first, lastName: name.last };
  const exact = rng.chance(group.nameTyping.exact);
  // family name first at home (Vietnamese, Chinese): forms get the order swapped more often
  const typed = exact ? papers
    : name.familyFirst && rng.chance(0.5) ? { firstName: papers.lastName, lastName: papers.firstName }
      : nameVariant(rng, papers);
  const sharedEmail = spec.sharedEmails > 0 && rng.chance(group.sharedEmail);
  const email = sharedEmail
    ? `accueil.asso${rng.int(spec.sharedEmails) + 1}.${group.group}@gmail.com`
    : `${slug(typed.firstName)}.${slug(typed.lastName)}${rng.int(100)}@${rng.pick(MAIL_DOMAINS)}`;
  const phone = `0${rng.chance(0.6) ? 6 : 7}${String(rng.int(100_000_000)).padStart(8, '0')}`;
  const identity: Persona['identity'] = { firstName: typed.firstName, lastName: typed.lastName, email, phone };
  if (group.agdref) identity.agdref = agdrefOf(spec.globalIndex);

  const lead = group.needLeadDays ? rng.between(group.needLeadDays.min, group.needLeadDays.max) : 0;
  const deadline = rng.between(group.deadlineDays.min, group.deadlineDays.max);
  const persona: Persona = {
    group: group.group,
    index: spec.index,
    papers,
    identity,
    origin: name.origin,
    counter: group.counter,
    arrivalAt: spec.arrivalAt,
    needAt: spec.arrivalAt + lead * DAY,
    deadlineAt: spec.arrivalAt + deadline * DAY,
    checksPerDay: Math.min(200, Math.max(0.2, rng.lognormal(group.checksPerDay.median, 0.5))),
    activeHours: minutesRange(group.activeHours),
    captchaSeconds: Math.max(1, rng.lognormal(group.captcha.solveSeconds.median, 0.35)),
    captchaFailRate: Math.min(0.9, group.captcha.failRate * rng.lognormal(1, 0.5)),
    formSeconds: Math.max(10, rng.lognormal(group.bookSeconds.median, 0.35)),
    // ALTCHA at 100k: 0.33 s on a fast laptop, up to 30 s on a low-end phone
    hashesPerSecond: rng.lognormal(100_000, 1),
    // an association's shared mailbox is read by someone else, later
    mailDelayMinutes: sharedEmail ? rng.lognormal(240, 1) : rng.lognormal(5, 1.2),
    sharedEmail,
    willingToPayEur: group.willingToPayEur ? rng.lognormal(group.willingToPayEur.median, 0.4) : 0,
    showsUp: rng.chance(group.showUpRate),
    laterVisits: 0,
  };
  if (group.buyAfterDays !== undefined) persona.buyAfterDays = Math.max(0, rng.lognormal(Math.max(group.buyAfterDays, 0.1), 0.3));
  // drawn last, and only when the group has any, so that groups without leave every other draw as it was
  if (group.laterVisits > 0) {
    const whole = Math.floor(group.laterVisits);
    persona.laterVisits = whole + (rng.chance(group.laterVisits - whole) ? 1 : 0);
  }
  return persona;
}

/** Short descriptions of a group's traits, for the equity chart's labels. */
export function groupTraits(group: LegitGroup): string[] {
  const traits = [
    `checks ~${group.checksPerDay.median}×/day, ${group.activeHours}`,
    `captcha ~${group.captcha.solveSeconds.median} s, ${Math.round(group.captcha.failRate * 100)} % fail`,
  ];
  if (group.sharedIp > 0) traits.push(`${Math.round(group.sharedIp * 100)} % shared IP`);
  if (group.sharedEmail > 0) traits.push(`${Math.round(group.sharedEmail * 100)} % shared e-mail`);
  if (group.nameTyping.exact < 1) traits.push(`${Math.round((1 - group.nameTyping.exact) * 100)} % type a name variant`);
  if (group.buyAfterDays !== undefined) traits.push(`buys after ${group.buyAfterDays} d (≤ ${group.willingToPayEur?.median ?? 0} €)`);
  if (!group.agdref) traits.push('no AGDREF');
  return traits;
}
