import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from './json-syntax.js';
import { closest, editDistance } from './suggest.js';

describe('suggestions', () => {
  it('counts a swap of two letters as one edit', () => {
    expect(editDistance('chekcs', 'checks')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('ignores case, dashes and underscores', () => {
    expect(closest('checks_per_day', ['checksPerDay', 'activeHours'])).toBe('checksPerDay');
    expect(closest('Name', ['name', 'seed'])).toBe('name');
  });

  it('suggests nothing when nothing is close', () => {
    expect(closest('population', ['name', 'seed', 'start'])).toBeUndefined();
    expect(closest('xy', ['ab'])).toBeUndefined();
  });
});

describe('JSON syntax errors', () => {
  const at = (text: string): [number, string] | undefined => {
    const e = findJsonSyntaxError(text);
    return e && [e.offset, e.message];
  };

  it('accepts valid JSON', () => {
    expect(at('{"a": [1, -2.5e3, true, null, "x\\u00e9\\n"], "b": {}}')).toBeUndefined();
  });

  it('locates the first break', () => {
    expect(at('{"a": 1,}')).toEqual([7, 'trailing comma before "}"']);
    expect(at('{"a" 1}')).toEqual([5, 'expected ":" after the key, found "1"']);
    expect(at("{'a': 1}")).toEqual([1, 'expected a "quoted" key, found "\'"']);
    expect(at('[1 2]')).toEqual([3, 'expected "," or "]", found "2"']);
    expect(at('{"a": "x')).toEqual([6, 'string never closed: missing "']);
    expect(at('{"a": 1} x')).toEqual([9, 'unexpected "x" after the end of the data']);
    expect(at('{"a": ')).toEqual([6, 'expected a value, found the end of the file']);
  });
});
