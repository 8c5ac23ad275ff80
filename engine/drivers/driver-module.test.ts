/**
 * Loading drivers: built-in names, a team's module (.mjs, and .ts through tsx) driving a real
 * target, and one bad module of each kind, each a DriverModuleError naming the file.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTest, TOKEN } from '../../target/http/test-support/http-fixture.js';
import { DriverModuleError, isModulePath, loadDriver } from './driver-module.js';
import { FormsDriver } from './forms/forms-driver.js';
import { HttpDriver } from './http/http-driver.js';

const dir = mkdtempSync(join(tmpdir(), 'guichet-driver-module-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const options = { url: 'http://127.0.0.1:9', adminToken: 'x' };
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return `./${name}`;
};

/** A team's own driver, as docs/drivers.md shows: it answers every list with the target's counters page status. */
const OWN_DRIVER = `
export default function createMyDriver(options) {
  return {
    async perform(net, action) {
      const res = await fetch(options.url + '/api/counters/' + action.counter + '/slots?limit=1', { headers: { 'x-session': net.session } });
      const body = await res.json();
      return { outcome: { kind: 'slots', slots: body.slots.map((s) => ({ id: s.id, counter: s.counter, start: s.start })) }, status: res.status };
    },
    async checkIn() { return { outcome: { kind: 'checkIn', served: true }, status: 200 }; },
    async close() {},
  };
}
`;

describe('loadDriver', () => {
  it('builds the built-in drivers by name, http by default', async () => {
    const byDefault = await loadDriver(undefined, options);
    expect(byDefault).toBeInstanceOf(HttpDriver);
    const forms = await loadDriver('forms', options);
    expect(forms).toBeInstanceOf(FormsDriver);
    await Promise.all([byDefault.close(), forms.close()]);
  });

  it('the browser driver loads when present, or says it is not part of this build', async () => {
    const present = existsSync(new URL('./browser/browser-driver.ts', import.meta.url)) || existsSync(new URL('./browser/browser-driver.js', import.meta.url));
    if (present) return; // its own tests cover it (it needs Chromium); absence is what this one checks
    await expect(loadDriver('browser', options)).rejects.toThrow(new DriverModuleError(
      'the browser driver is not part of this build of guichet (engine/drivers/browser/browser-driver)',
    ));
  });

  it('loads a team module (.mjs, and .ts through tsx) whose default export drives a real target', async () => {
    const t = await startTest();
    try {
      for (const spec of [file('mine.mjs', OWN_DRIVER), file('mine.ts', OWN_DRIVER.replace('(options)', '(options: { url: string })'))]) {
        const d = await loadDriver(spec, { url: t.url, adminToken: TOKEN }, dir);
        const a = await d.perform({ ip: '10.0.0.1', session: 'module-session-1' }, { kind: 'list', counter: 'renewal' });
        expect(a.status, spec).toBe(200);
        expect(a.outcome.kind === 'slots' && a.outcome.slots.length, spec).toBe(1);
        await d.close();
      }
    } finally {
      await t.stop();
    }
  });

  it('refuses each kind of bad module with a message naming it', async () => {
    const cases: Array<[string, string]> = [
      ['./missing.mjs', `driver module ./missing.mjs: no such file (${join(dir, 'missing.mjs')})`],
      [file('syntax.mjs', 'export default function ('), 'driver module ./syntax.mjs failed to load: '],
      [file('throws.mjs', 'throw new Error("no config");'), 'driver module ./throws.mjs failed to load: no config'],
      [file('none.mjs', 'export const createDriver = () => ({});'), 'driver module ./none.mjs has no default export'],
      [file('object.mjs', 'export default { perform() {} };'), 'driver module ./object.mjs: its default export is a object, not a function'],
      [file('factory-throws.mjs', 'export default () => { throw new Error("bad url"); };'), 'driver module ./factory-throws.mjs: its factory failed: bad url'],
      [file('rejects.mjs', 'export default async () => { throw new Error("cannot log in"); };'), 'driver module ./rejects.mjs: its factory failed: cannot log in'],
      [file('partial.mjs', 'export default () => ({ perform() {} });'), 'driver module ./partial.mjs: its factory returned no LiveDriver (missing checkIn, close'],
      [file('nothing.mjs', 'export default () => undefined;'), 'driver module ./nothing.mjs: its factory returned no LiveDriver (missing perform, checkIn, close'],
      ['selenium', 'unknown driver "selenium": the built-in drivers are http, forms, browser; a driver module is a path (./my-driver.js)'],
    ];
    for (const [spec, message] of cases) {
      const err = await loadDriver(spec, options, dir).then(() => undefined, (e: unknown) => e);
      expect(err, spec).toBeInstanceOf(DriverModuleError);
      expect((err as Error).message, spec).toContain(message);
    }
  });

  it('tells paths from names', () => {
    expect(['./d.js', '../d.mjs', '/abs/d.ts', 'd.mjs'].every(isModulePath)).toBe(true);
    expect(['http', 'forms', 'browser', 'selenium'].some(isModulePath)).toBe(false);
  });
});
