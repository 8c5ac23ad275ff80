import { describe, expect, it } from 'vitest';
import { testStream } from './test-support/stream.js';
import { LegitGroupSchema } from '../scenarios/schema/population.js';
import { sameName } from '../target/domain/names.js';
import { agdrefOf, makePersona, nameVariant } from './personas.js';

const group = LegitGroupSchema.parse({
  group: 'workers', counter: 'renewal', arrivals: { perWeek: 100 }, deadlineDays: { min: 20, max: 90 },
  checksPerDay: { median: 3 }, sharedEmail: 0.2, nameTyping: { exact: 0.8 }, buyAfterDays: 30, willingToPayEur: { median: 120 },
});

const persona = (i: number, seed = 1) =>
  makePersona(group, { globalIndex: i, index: i, arrivalAt: 1000 * i, rng: testStream(seed * 1_000_003 + i), sharedEmails: 20 });

describe('personas', () => {
  it('are the same for the same seed and index, in any order of creation', () => {
    const forward = [0, 1, 2, 3].map((i) => persona(i));
    const backward = [3, 2, 1, 0].map((i) => persona(i)).reverse();
    expect(JSON.stringify(forward)).toBe(JSON.stringify(backward));
    expect(JSON.stringify(persona(0, 2))).not.toBe(JSON.stringify(forward[0]));
  });

  it('look like a préfecture waiting room: accents, apostrophes, particles, many origins', () => {
    const people = Array.from({ length: 2000 }, (_, i) => persona(i));
    const names = people.map((p) => `${p.papers.firstName} ${p.papers.lastName}`);
    expect(names.some((n) => /[À-ÿĀ-ỹ]/.test(n))).toBe(true);
    expect(names.some((n) => n.includes("'"))).toBe(true);
    expect(names.some((n) => /\b(El|Ben|Ait|Al|da|dos)\b/.test(n))).toBe(true);
    expect(new Set(people.map((p) => p.origin)).size).toBeGreaterThanOrEqual(10);
    expect(people.filter((p) => p.origin.startsWith('maghreb')).length / people.length).toBeGreaterThan(0.3);
    expect(new Set(names).size).toBeGreaterThan(1000);
  });

  it('draw their attentiveness, skills and means around the group medians', () => {
    const people = Array.from({ length: 2000 }, (_, i) => persona(i));
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1] as number;
    expect(median(people.map((p) => p.checksPerDay))).toBeCloseTo(3, 0);
    expect(median(people.map((p) => p.willingToPayEur))).toBeGreaterThan(100);
    expect(median(people.map((p) => p.willingToPayEur))).toBeLessThan(140);
    const shared = people.filter((p) => p.sharedEmail);
    expect(shared.length / people.length).toBeGreaterThan(0.15);
    expect(new Set(shared.map((p) => p.identity.email)).size).toBeLessThanOrEqual(20);
    for (const p of people.slice(0, 50)) {
      expect(p.deadlineAt - p.arrivalAt).toBeGreaterThanOrEqual(20 * 86_400_000);
      expect(p.identity.agdref).toMatch(/^34\d{8}$/);
    }
  });

  it('give each person their own AGDREF number', () => {
    const numbers = new Set(Array.from({ length: 50_000 }, (_, i) => agdrefOf(i)));
    expect(numbers.size).toBe(50_000);
  });

  it('type their name with variants a counter may or may not accept', () => {
    const rng = testStream(4);
    const papers = { firstName: 'Aïcha', lastName: 'El Amrani-Benali' };
    const variants = Array.from({ length: 400 }, () => nameVariant(rng, papers));
    const accepted = variants.filter((v) => sameName(v, papers)).length;
    // dropped accents and swapped order pass; transliterations, cut surnames and typos do not
    expect(accepted).toBeGreaterThan(100);
    expect(accepted).toBeLessThan(350);
  });
});
