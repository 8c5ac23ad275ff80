import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { skeleton } from './confusables.js';
import { emailKey, emailKeyUnder, looseEmailKey } from './identity-keys.js';

const RULES = [undefined, { emailCanonical: 'gmail-like' as const }, { confusables: 'skeleton' as const }, { emailCanonical: 'gmail-like' as const, confusables: 'skeleton' as const }];

describe('e-mail keys', () => {
  it('normalises the spellings of one address to one key', () => {
    const key = 'alice@example.org';
    for (const s of [' Alice@Example.org ', 'ali\u200bce@example.org', 'ali\u00adce@example.org', '\uff21lice@example.org', 'alice@example.org..', 'alice@\uff45xample.org']) {
      expect(emailKey(s), JSON.stringify(s)).toBe(key);
    }
    expect(emailKey('jose\u0301@example.org')).toBe('jos\u00e9@example.org');
    expect(emailKey('STRASSE@example.org')).toBe(emailKey('stra\u00dfe@example.org'));
  });

  it('keeps apart what the default rule must not merge: plus tags, dots, look-alikes', () => {
    expect(emailKey('a.lice+x@example.org')).toBe('a.lice+x@example.org');
    expect(emailKey('\u0430lice@example.org')).not.toBe('alice@example.org');
    expect(emailKeyUnder('A.Lice+x@example.org', { emailCanonical: 'gmail-like' })).toBe('alice@example.org');
    expect(emailKeyUnder('\u0430lic\u0435@\u0435xample.\u03bfrg', { confusables: 'skeleton' })).toBe('alice@example.org');
    // the domain keeps its dots under gmail-like
    expect(emailKeyUnder('a.b@mail.example.org', { emailCanonical: 'gmail-like' })).toBe('ab@mail.example.org');
  });

  // without white space inside: the booking form refuses such addresses before any key is made
  it('is idempotent, and equal keys under any rule have equal loose keys', () => {
    const alphabet = fc.constantFrom('a', 'A', '.', '+', 'e', '\u0430', '\u0435', '\u03bf', 'o', '\u200b', '\u00ad', '\uff41', 'e\u0301', '\u00e9', 'ß', 'S');
    const address = fc.tuple(fc.array(alphabet, { minLength: 1, maxLength: 8 }), fc.array(alphabet, { minLength: 1, maxLength: 6 }))
      .map(([l, d]) => `${l.join('')}@${d.join('')}.org`);
    fc.assert(fc.property(address, address, (x, y) => {
      expect(emailKey(emailKey(x))).toBe(emailKey(x));
      for (const rule of RULES) {
        expect(emailKeyUnder(emailKeyUnder(x, rule), rule)).toBe(emailKeyUnder(x, rule));
        if (emailKeyUnder(x, rule) === emailKeyUnder(y, rule)) expect(looseEmailKey(x)).toBe(looseEmailKey(y));
      }
    }), { numRuns: 500, seed: 12 });
  });

  it('never maps a look-alike to an address separator', () => {
    const mapped = skeleton('\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u03b1\u03bf\u03c1\u03bd\u03b9');
    expect(mapped).toMatch(/^[a-z]+$/);
  });
});
