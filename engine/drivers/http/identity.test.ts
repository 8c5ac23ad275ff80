import { describe, expect, it } from 'vitest';
import { sessionHeader } from './identity.js';

const HEADER = /^[A-Za-z0-9_-]{8,128}$/;

describe('sessionHeader', () => {
  it('keeps a session the header takes, and encodes any other into one it takes, distinctly', () => {
    expect(sessionHeader('agent-session-1')).toBe('agent-session-1');
    const engineNames = ['s-crew:paris:3', 's-crew:paris:30', 's-legit:families:3', 's-crew_paris_3', 'é', '', 'x'.repeat(300), 'y'.repeat(300)];
    const sent = engineNames.map(sessionHeader);
    for (const s of sent) expect(s).toMatch(HEADER);
    expect(new Set(sent).size).toBe(engineNames.length);
    expect(sessionHeader('s-crew:paris:3')).toBe(sessionHeader('s-crew:paris:3'));
  });
});
