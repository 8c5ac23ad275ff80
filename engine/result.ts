/** The result types at their historical path, for reports/ and cli/ (their home is measure/result-types.ts). */
export * from './measure/result-types.js';
export * from './measure/partial-types.js';
