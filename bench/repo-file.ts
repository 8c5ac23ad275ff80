import { fileURLToPath } from 'node:url';

/** The repository's root, whether the bench runs built (dist/bench/) or from its sources (bench/, in tests). */
const ROOT = new URL(import.meta.url.includes('/dist/bench/') ? '../../' : '../', import.meta.url);

/** Absolute path of a file of the repository, e.g. "scenarios/matrix.yaml". */
export function repoFile(path: string): string {
  return fileURLToPath(new URL(path, ROOT));
}
