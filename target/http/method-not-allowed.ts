/**
 * 405 with `Allow` for a known path asked with a method it does not answer: a client library
 * reads a 404 as "wrong URL", while the URL is right and the method wrong. OPTIONS on a known
 * path answers 204 with the same `Allow`.
 *
 * Call it last, once every route of the router is declared: it reads the router's own table,
 * so the allowed methods cannot drift from the routes.
 */
import type { Router } from 'express';
import { DomainError } from '../domain/errors.js';

/** What express's router keeps of a route (router 2.x: `path` and a `methods` set). */
interface RouteLike { path: unknown; methods?: Record<string, boolean | undefined> }

/** Path pattern → methods it answers, in declaration order of the paths. */
export function routeMethods(router: Router): Map<string, string[]> {
  const byPath = new Map<string, Set<string>>();
  for (const layer of router.stack) {
    const route = layer.route as unknown as RouteLike | undefined;
    if (!route || typeof route.path !== 'string') continue;
    const set = byPath.get(route.path) ?? new Set<string>();
    for (const [method, on] of Object.entries(route.methods ?? {})) {
      if (on && method !== '_all') set.add(method.toUpperCase());
    }
    byPath.set(route.path, set);
  }
  const out = new Map<string, string[]>();
  for (const [path, set] of byPath) {
    if (set.size === 0) continue;
    // express answers HEAD with the GET handler
    if (set.has('GET')) set.add('HEAD');
    set.add('OPTIONS');
    out.set(path, [...set].sort());
  }
  return out;
}

export function refuseOtherMethods(router: Router): void {
  for (const [path, methods] of routeMethods(router)) {
    const allow = methods.join(', ');
    router.all(path, (req, res, next) => {
      res.setHeader('Allow', allow);
      if (req.method === 'OPTIONS') {
        res.status(204).end();
        return;
      }
      next(new DomainError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${req.baseUrl}${req.path}; allowed: ${allow}`));
    });
  }
}
