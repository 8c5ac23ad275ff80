import { describe, expect, it } from 'vitest';
import { displayPath, writtenLines } from './paths.js';

describe('displayPath', () => {
  it('is relative to the working directory when inside it', () => {
    expect(displayPath('/home/ana/guichet/out/matrix/result.json', '/home/ana/guichet')).toBe('out/matrix/result.json');
    expect(displayPath('out/x', '/home/ana/guichet')).toBe('out/x');
    expect(displayPath('/home/ana/guichet', '/home/ana/guichet')).toBe('.');
    expect(displayPath('/home/ana/guichet/..old/r.json', '/home/ana/guichet')).toBe('..old/r.json');
  });

  it('stays absolute outside it, rather than climbing with ../', () => {
    expect(displayPath('/tmp/run/result.json', '/home/ana/guichet')).toBe('/tmp/run/result.json');
    expect(displayPath('/home/ana/other/r.json', '/home/ana/guichet')).toBe('/home/ana/other/r.json');
    expect(displayPath('/home/ana/guichet-old/r.json', '/home/ana/guichet')).toBe('/home/ana/guichet-old/r.json');
  });
});

describe('writtenLines', () => {
  it('names each file written, in the order of the README', () => {
    const cwd = '/w';
    expect(writtenLines({ json: '/w/out/r.json', html: '/w/out/report.html', markdown: '/w/out/summary.md' }, cwd))
      .toBe('result: out/r.json\nreport: out/report.html\nsummary: out/summary.md');
    expect(writtenLines({ json: '/tmp/r.json' }, cwd)).toBe('result: /tmp/r.json');
  });
});
