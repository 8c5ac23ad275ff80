/**
 * Finds the keys a mapping may hold at a path of the scenario, to suggest the closest one to
 * an unknown key. Walks zod's internal definitions (`_zod.def`, public for library authors in
 * zod 4); discriminated unions are resolved with the data being validated.
 */
import type { z } from 'zod';

interface Def {
  type: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  valueType?: Schema;
  innerType?: Schema;
  in?: Schema;
  out?: Schema;
  options?: Schema[];
  discriminator?: string;
}
interface Schema { _zod: { def: Def } }

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function unwrap(schema: Schema, data: unknown): Schema | undefined {
  let s: Schema | undefined = schema;
  for (let guard = 0; s && guard < 20; guard++) {
    const def: Def = s._zod.def;
    if (WRAPPERS.has(def.type)) s = def.innerType;
    else if (def.type === 'pipe') s = def.in?._zod.def.type === 'transform' ? def.out : def.in;
    else if (def.type === 'union') s = pickOption(def, data);
    else return s;
  }
  return s;
}

function pickOption(def: Def, data: unknown): Schema | undefined {
  const options = def.options ?? [];
  if (!def.discriminator || typeof data !== 'object' || data === null) return options.length === 1 ? options[0] : undefined;
  const tag = (data as Record<string, unknown>)[def.discriminator];
  return options.find((o) => {
    const field = o._zod.def.shape?.[def.discriminator!];
    const values = (field?._zod as { values?: Set<unknown> } | undefined)?.values;
    return values?.has(tag) ?? false;
  });
}

/** Keys allowed in the mapping at `path`, or [] when the path does not lead to a mapping schema. */
export function allowedKeys(root: z.ZodType, path: readonly PropertyKey[], data: unknown): string[] {
  let schema = unwrap(root as unknown as Schema, data);
  let value = data;
  for (const seg of path) {
    if (!schema) return [];
    const def = schema._zod.def;
    const next = def.type === 'object' ? def.shape?.[String(seg)]
      : def.type === 'array' ? def.element
        : def.type === 'record' ? def.valueType
          : undefined;
    value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[seg] : undefined;
    schema = next ? unwrap(next, value) : undefined;
  }
  return schema?._zod.def.type === 'object' ? Object.keys(schema._zod.def.shape ?? {}) : [];
}
