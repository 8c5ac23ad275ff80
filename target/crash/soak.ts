/**
 * `npm run soak -- --points 300 --minutes 8`: the crash test's campaign with hundreds of kill
 * points, bounded in time (no new kill point starts after --minutes; the ones running finish).
 * Prints one line per kill point that fails to reconcile and the figures at the end. Exit 0 when
 * every kill point reconciled, 99 when one did not (as a failed gate), 2 on bad flags.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { figures, runCampaign } from './campaign.js';

const whole = (min: number, max: number) => (text: string): number => {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
  return n;
};

interface SoakOptions { points: number; minutes: number; seed: number; parallel: number; keep: boolean }

async function soak(o: SoakOptions): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-soak-'));
  const started = Date.now();
  let done = 0;
  try {
    const { prepared, results } = await runCampaign({
      dir, perStep: Math.ceil(o.points / 3), seed: o.seed, parallel: o.parallel, deadline: started + o.minutes * 60_000,
      onResult: (r) => {
        done++;
        if (r.problems.length > 0) process.stdout.write(`FAILED ${r.step} ${JSON.stringify(r.point)}: ${r.problems.join('; ')}\n`);
        if (done % 25 === 0) process.stdout.write(`${done} kill points, ${Math.round((Date.now() - started) / 1000)} s\n`);
      },
    });
    const f = figures(results);
    const writes = prepared.map((p) => `${p.step.name} ${p.writesAfter - p.writesBefore}`).join(', ');
    process.stdout.write([
      `kill points: ${f.killPoints} (${results.filter((r) => r.point.kind === 'write').length} at a store write, ${results.filter((r) => r.point.kind === 'signal').length} by a signal from outside) in ${Math.round((Date.now() - started) / 1000)} s`,
      `per step: ${prepared.map((p) => `${p.step.name} ${results.filter((r) => r.step === p.step.name).length}`).join(', ')}; store writes per step: ${writes}`,
      `bookings at risk (answered 201 before the kill): ${f.bookingsAtRisk}, lost: ${f.bookingsLost}`,
      `steps interrupted (their request in flight at the kill): ${f.stepsInterrupted}`,
      `draws interrupted: ${f.drawsInterrupted}, draws lost: ${f.drawsLost}`,
      `kill points that failed to reconcile: ${f.failed.length}`,
    ].join('\n') + '\n');
    return f.failed.length === 0 ? 0 : 99;
  } finally {
    if (!o.keep) rmSync(dir, { recursive: true, force: true });
    else process.stdout.write(`databases kept in ${dir}\n`);
  }
}

const program = new Command('soak')
  .description('kill guichet target processes with SIGKILL inside scheduled steps, restart them and reconcile their databases')
  .option('--points <n>', 'kill points, shared by the three steps', whole(3, 100_000), 300)
  .option('--minutes <n>', 'start no kill point after this many minutes', whole(1, 1440), 8)
  .option('--seed <n>', 'seed of the kill points', whole(0, 2 ** 31), 1)
  .option('--parallel <n>', 'kill points run at once (each runs one target process)', whole(1, 16), 2)
  .option('--keep', 'keep the databases (their folder is printed)', false)
  .exitOverride();

try {
  program.parse(process.argv);
  process.exitCode = await soak(program.opts<SoakOptions>());
} catch (e) {
  if (e instanceof CommanderError) process.exitCode = e.exitCode === 0 ? 0 : 2;
  else {
    process.stderr.write(`soak: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
