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
