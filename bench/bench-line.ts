/** One measured figure of a benchmark, set against a reference measured in the same run. */
export interface BenchLine {
  /** what was measured, e.g. "store.insertBooking" */
  name: string;
  value: number;
  unit: string;
  /** what the value is compared with */
  reference: string;
  referenceValue: number;
  /** value / referenceValue */
  ratio: number;
  /** the ratio we aim for, e.g. "≥ 0.7" */
  aim: string;
}

/** Lines that could not be measured in this run because their reference is missing. */
export const missingReferences: { line: string; why: string; fix: string }[] = [];

/** Says loudly, at once, that `line` cannot be measured and what to do; main.ts repeats it at the end and fails under --strict. */
export function referenceMissing(line: string, why: string, fix: string): void {
  missingReferences.push({ line, why, fix });
  const bar = '!'.repeat(72);
  process.stderr.write(`\n${bar}\nbench: line ${line} NOT MEASURED: ${why}\nbench: install the reference with:  ${fix}\n${bar}\n\n`);
}
