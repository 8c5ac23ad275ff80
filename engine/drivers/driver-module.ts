/**
 * Which live driver a run uses: a built-in one by name (`http`, the default; `forms`; `browser`)
 * or a team's own module by path (`--driver ./my-driver.js`), whose default export is a
 * LiveDriverFactory (driver.ts; docs/drivers.md). Built-ins other than `http` are imported
 * lazily, so a run that does not use the browser never loads Playwright.
 *
 * Every way a module can be wrong (no file, fails to load, no default export, not a function,
 * the factory throws, what it returns is not a driver) is a DriverModuleError naming the file:
 * bad input the user can fix (the CLI exits 2), never a stack trace.
 */
import { existsSync, statSync } from 'node:fs';
import { extname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LiveDriver, LiveDriverFactory, LiveDriverOptions } from './driver.js';
import { createHttpDriver } from './http/http-driver.js';

export class DriverModuleError extends Error {
  override readonly name = 'DriverModuleError';
}

export const BUILT_IN_DRIVERS = ['http', 'forms', 'browser'] as const;
export type BuiltInDriver = (typeof BUILT_IN_DRIVERS)[number];
export const DEFAULT_DRIVER: BuiltInDriver = 'http';

const MODULE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts'];
const REQUIRED = ['perform', 'checkIn', 'close'] as const;

/** A path rather than a name: what the user would type for a file. */
export function isModulePath(spec: string): boolean {
  return spec.startsWith('./') || spec.startsWith('../') || isAbsolute(spec) || MODULE_EXTENSIONS.includes(extname(spec));
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];
const isMissingModule = (e: unknown) => (e as { code?: unknown } | null)?.code === 'ERR_MODULE_NOT_FOUND';

/** The factory of a built-in driver; `browser` and `forms` are imported on demand. */
async function builtIn(name: BuiltInDriver): Promise<LiveDriverFactory> {
  if (name === 'http') return createHttpDriver;
  if (name === 'forms') return (await import('./forms/forms-driver.js')).createFormsDriver;
  // A computed specifier: the browser driver is a separate part (Playwright) that a build may lack.
  const browserModule = './browser/browser-driver.js';
  let mod: { default?: unknown };
  try {
    mod = await import(browserModule) as { default?: unknown };
  } catch (e) {
    if (isMissingModule(e)) throw new DriverModuleError('the browser driver is not part of this build of guichet (engine/drivers/browser/browser-driver)');
    throw new DriverModuleError(`the browser driver failed to load: ${messageOf(e)}`);
  }
  if (typeof mod.default !== 'function') throw new DriverModuleError('the browser driver module has no default export factory');
  return mod.default as LiveDriverFactory;
}

/** Imports a module file; `.ts` goes through tsx's ESM API (tsx must be installed). */
async function importFile(file: string, shown: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  const ext = extname(file);
  if (ext === '.ts' || ext === '.mts') {
    let tsImport: (specifier: string, parent: string) => Promise<unknown>;
    try {
      ({ tsImport } = await import('tsx/esm/api'));
    } catch {
      throw new DriverModuleError(`driver module ${shown}: loading TypeScript needs tsx (npm install tsx), or compile the module to .js`);
    }
    return await tsImport(url, import.meta.url) as Record<string, unknown>;
  }
  return await import(url) as Record<string, unknown>;
}

/** The default export of a driver module file, checked to be a factory. */
export async function loadDriverFactory(spec: string, cwd = process.cwd()): Promise<LiveDriverFactory> {
  const file = resolve(cwd, spec);
  if (!existsSync(file)) throw new DriverModuleError(`driver module ${spec}: no such file (${file})`);
  if (!statSync(file).isFile()) throw new DriverModuleError(`driver module ${spec}: not a file`);
  let mod: Record<string, unknown>;
  try {
    mod = await importFile(file, spec);
  } catch (e) {
    if (e instanceof DriverModuleError) throw e;
    throw new DriverModuleError(`driver module ${spec} failed to load: ${messageOf(e)}`);
  }
  // a .ts outside an ESM package is compiled as CommonJS: its `export default` arrives one level down
  const inner = (mod['default'] as { default?: unknown } | null | undefined)?.default;
  if (typeof inner === 'function') return inner as LiveDriverFactory;
  if (!('default' in mod) || mod['default'] === undefined) {
    throw new DriverModuleError(`driver module ${spec} has no default export: export default a function (options) => LiveDriver`);
  }
  if (typeof mod['default'] !== 'function') {
    throw new DriverModuleError(`driver module ${spec}: its default export is a ${typeof mod['default']}, not a function (options) => LiveDriver`);
  }
  return mod['default'] as LiveDriverFactory;
}

/** The factory of a built-in driver or of a module (checked before a run starts anything). */
export async function driverFactory(name: string, cwd = process.cwd()): Promise<LiveDriverFactory> {
  if (isModulePath(name)) return loadDriverFactory(name, cwd);
  if ((BUILT_IN_DRIVERS as readonly string[]).includes(name)) return builtIn(name as BuiltInDriver);
  throw new DriverModuleError(
    `unknown driver "${name}": the built-in drivers are ${BUILT_IN_DRIVERS.join(', ')}; a driver module is a path (./my-driver.js)`,
  );
}

/** Builds the driver: `spec` a built-in name or a module path; the result is checked to be a LiveDriver. */
export async function loadDriver(spec: string | undefined, options: LiveDriverOptions, cwd = process.cwd()): Promise<LiveDriver> {
  const name = spec ?? DEFAULT_DRIVER;
  const shown = isModulePath(name) ? `driver module ${name}` : `the ${name} driver`;
  const factory = await driverFactory(name, cwd);
  let driver: unknown;
  try {
    driver = await factory(options);
  } catch (e) {
    throw new DriverModuleError(`${shown}: its factory failed: ${messageOf(e)}`);
  }
  const missing = REQUIRED.filter((m) => typeof (driver as Record<string, unknown> | null)?.[m] !== 'function');
  if (missing.length > 0) {
    throw new DriverModuleError(`${shown}: its factory returned no LiveDriver (missing ${missing.join(', ')}: see docs/drivers.md)`);
  }
  return driver as LiveDriver;
}
