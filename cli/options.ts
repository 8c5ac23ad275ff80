/** Flag parsers for commander: a bad value is bad input, reported as such (exit 2), never a stack trace. */
import { InvalidArgumentError } from 'commander';

export function integerIn(min: number, max: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!/^-?\d+$/.test(text.trim()) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, got "${text}"`);
    return n;
  };
}

export function list(text: string, previous: string[] = []): string[] {
  return [...previous, ...text.split(',').map((s) => s.trim()).filter(Boolean)];
}

export function numberIn(min: number, max: number) {
  return (text: string): number => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`expected a number from ${min} to ${max}, got "${text}"`);
    return n;
  };
}
