/**
 * One replication of a scenario under one policy, live: the reference target started on
 * loopback with the run's live clock, the agents of bots/ sending real requests through live
 * drivers, the market and the counter modelled as in the simulation, then the same metrics as a
 * simulated replication plus the live block (latency, errors, traffic, reconciled ledgers).
 * Built in the order of run/replication.ts; what differs is the clock (pacer.ts), the runner
 * (live-runner.ts) and the watches (live-watches.ts).
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Scenario } from '../../scenarios/schema.js';
import { parisDate } from '../../target/domain/calendar.js';
import type { Policy } from '../../target/domain/policy.js';
import { durationMs } from '../../target/domain/time-units.js';
import { AgentFactory } from '../agents/agent-factory.js';
import { AgentRegistry } from '../agents/agent-registry.js';
import { LEGIT, type AgentRun } from '../agents/agent-run.js';
import { planPopulation } from '../agents/population-plan.js';
import type { AgentNet, LiveDriver } from '../drivers/driver.js';
import { sessionHeader } from '../drivers/http/identity.js';
import { Kernel, type EventHandler } from '../kernel/kernel.js';
import { LIVE_SCHEMA, type LiveReplication, type RaceWindow } from '../measure/live-types.js';
import { Recorder } from '../measure/recorder.js';
import { computeResult } from '../measure/replication-metrics.js';
import type { ReplicationResult } from '../measure/result-types.js';
import { InventoryChanges } from '../polls/inventory-changes.js';
import { replicationSeed } from '../rng.js';
import { Mailbox } from '../run/mailbox.js';
import { resaleMarket, scheduleArrivals, scheduleDailySamples, setupInfo } from '../run/replication-parts.js';
import { storeTap } from '../run/store-tap.js';
import { HarnessLedger } from './harness-ledger.js';
import { SteerableClock } from '../../target/http/steerable-clock.js';
import { LiveFloods } from './live-floods.js';
import { LiveRunner } from './live-runner.js';
import { startLiveTarget, type LiveTarget } from './live-target.js';
import { connectRemoteTarget } from './remote-target.js';
import { LiveWatches } from './live-watches.js';
import { Pacer } from './pacer.js';
import { insideWindow, raceWindows } from './race-windows.js';
import { fetchLedger, reconcile } from './reconcile.js';
import type { LiveMetrics, LiveRunOptions } from './live-options.js';

export async function liveReplication(
  scenario: Scenario, policy: { name: string; policy: Policy }, replication: number, o: LiveRunOptions,
): Promise<ReplicationResult> {
  const seed = replicationSeed(scenario.seed, replication);
  const start = parisDate(scenario.start);
  const end = start + durationMs(scenario.duration);
  const warmupEnd = start + durationMs(scenario.warmup);
  const live = o.settings;
  const plan = planPopulation(scenario, policy.policy, seed, start, end);
  const kernel = new Kernel(start);
  const clock = new SteerableClock(start, live.raceSpeed);
  const crewsCfg = scenario.population.scalpers;
  const registry = new AgentRegistry();
  const recorder = new Recorder(plan.legit.length, crewsCfg.length, warmupEnd);
  const changes = new InventoryChanges(plan.counters);
  const targetLog: string[] = [];
  const settings = { counters: scenario.target.counters, policy: policy.policy };
  const listener = storeTap(kernel, registry, recorder, changes, plan.counters, crewsCfg);
  const target = o.target
    ? await connectRemoteTarget({ ...o.target, timeoutMs: live.timeoutSeconds * 1000, clock, settings, start, listener })
    : await startLiveTarget({
      dbPath: join(o.workDir, `target-${policy.name}-${replication}.sqlite`), clock, seed: String(seed), settings, listener,
      log: (m, e) => targetLog.push(`${m}: ${e instanceof Error ? e.message : String(e)}`),
    });
  // the target's seed draws its random release times: the windows must be around the same ones
  const windows = raceWindows(policy.policy, target.seed, start, end, {
    beforeMs: durationMs(live.raceWindow.before), afterMs: durationMs(live.raceWindow.after),
  });
  const racing = (t: number) => insideWindow(windows, t);
  const drivers: LiveDriver[] = [];
  try {
    const populations = [
      { id: 'people', kind: 'people' as const, client: peopleClient(scenario) },
      ...crewsCfg.map((c) => ({ id: c.crew, kind: 'crew' as const, client: c.client ?? 'http' })),
    ];
    const driverOptions = { url: target.url, adminToken: target.adminToken, timeoutMs: live.timeoutSeconds * 1000, connections: live.connections };
    // one driver per way of reaching the target: http, browser for people (typing), browser for crews (scripted)
    const driverFor = new Map<string, LiveDriver>();
    const agentsOf = [
      ...scenario.population.legit.map((g) => ({ client: g.client ?? 'http', who: 'people' as const })),
      ...crewsCfg.map((c) => ({ client: c.client ?? 'http', who: 'crew' as const })),
    ];
    for (const { client, who } of agentsOf) {
      const key = driverKey(client, who);
      if (driverFor.has(key)) continue;
      const d = await o.createDriver(client, driverOptions, who);
      drivers.push(d);
      driverFor.set(key, d);
    }
    const metrics: LiveMetrics = o.createMetrics(populations, { virtualNow: () => clock.now() });
    const pacer = new Pacer(kernel, clock, {
      racing, raceSpeed: live.raceSpeed, fastSpeed: live.fastSpeed, moved: () => target.clockMoved(), ...(o.signal ? { signal: o.signal } : {}),
    });
    const ledger = new HarnessLedger();
    const schedule = targetSchedule(kernel, clock, pacer, target, changes);

    let watches: LiveWatches | undefined;
    const mailbox = new Mailbox(registry, recorder, { onMessage: (a: AgentRun) => watches?.onMessage(a) });
    const { market, crewStates } = resaleMarket(scenario, plan, registry, recorder, mailbox, () => kernel.now);
    const captcha = policy.policy.measures.captcha;
    const runner = new LiveRunner({
      scheduler: kernel, registry, recorder, oracle: target, market, clock, pacer, probe: metrics, ledger, changes,
      counters: plan.counters, nets: registry.nets, tickAt: schedule.tickAt, link: target,
      driverFor: (agent) => driverFor.get(driverKey(clientOf(scenario, agent), agent.kind === LEGIT ? 'people' : 'crew')) as LiveDriver,
      powDifficulty: captcha?.kind === 'proof-of-work' ? captcha.difficulty : 0,
      eurPerUsd: scenario.market.eurPerUsd,
    });
    watches = new LiveWatches(kernel, recorder, plan.counters, racing, target, runner, changes);
    runner.attach(watches);

    const info = setupInfo(scenario, policy.policy, seed, { start, end }, plan, crewStates, { set: (agdref, papers) => target.registry.add(agdref, papers) });
    const factory = new AgentFactory(runner, registry, kernel, info);
    /** the target's ledger records a session as the drivers spell it in X-Session: bookings are matched to agents that way */
    const onWire = (agent: AgentRun) => {
      registry.bySession.set(sessionHeader((registry.nets[agent.index] as AgentNet).session), agent);
      return agent;
    };

    kernel.at(start, schedule.handler);
    plan.bots.forEach((p, i) => runner.start(onWire(factory.bot(i, p))));
    const firstLegit = plan.bots.length;
    scheduleArrivals(kernel, plan, recorder, (i, p) => factory.legit(firstLegit + i, i, p), (agent) => runner.start(onWire(agent)));
    scheduleDailySamples(kernel, recorder, start, end);
    const floods = new LiveFloods(scenario.load, target.url, [...new Set(plan.bots.map((b) => b.ip))], metrics, live.timeoutSeconds);
    for (const w of windows) {
      kernel.at(w.start, { fire: () => { watches?.raceStarted(); floods.windowOpened(); o.onWindow?.(w); } });
      kernel.at(w.end, { fire: () => floods.windowClosed() });
    }

    const realStart = performance.now();
    floods.runStarted();
    const ticker = setInterval(() => o.onClock?.(Math.min(clock.now(), end) - start, end - start), 1000);
    ticker.unref();
    let floodSummaries;
    try {
      await pacer.run(end);
    } finally {
      clearInterval(ticker);
      floodSummaries = await floods.finish();
    }
    watches.finish(end);
    const reconciliation = reconcile(ledger, await fetchLedger(target.url, target.adminToken, live.timeoutSeconds * 1000));
    const result = computeResult({ scenario, policy: policy.policy, replication, seed, start, end, recorder });
    const block: LiveReplication = {
      schema: LIVE_SCHEMA,
      target: { url: target.url, startedByHarness: target.startedByHarness, driver: o.driverName },
      wallSeconds: (performance.now() - realStart) / 1000,
      raceSpeed: live.raceSpeed,
      raceWindows: windows,
      ...metrics.summary(),
      floods: floodSummaries,
      reconciliation,
    };
    if (targetLog.length > 0) o.warn?.(`the target logged ${targetLog.length} error(s); first: ${targetLog[0]}`);
    return { ...result, live: block };
  } finally {
    await Promise.allSettled(drivers.map((d) => d.close()));
    await target.close();
  }
}

/** People are one population in the live metrics; their client reads "browser" when any group uses one. */
function peopleClient(scenario: Scenario): 'http' | 'browser' {
  return scenario.population.legit.some((g) => g.client === 'browser') ? 'browser' : 'http';
}

/** Browsers type like people for people and script the pages for crews; HTTP is the same for both. */
function driverKey(client: 'http' | 'browser', who: 'people' | 'crew'): string {
  return client === 'browser' ? `browser:${who}` : client;
}

/** The client an agent's group or crew reaches the target with. */
function clientOf(scenario: Scenario, agent: AgentRun): 'http' | 'browser' {
  const { legit, scalpers } = scenario.population;
  return (agent.kind === LEGIT ? legit[agent.owner]?.client : scalpers[agent.owner]?.client) ?? 'http';
}

/**
 * The target's own schedule, run at its due times (releases, expiries, draws), and the inventory
 * changes it makes flushed. A remote target's tick is a round trip: the clock may not jump past
 * it (the pacer counts it in flight), and what follows runs once the harness has seen its effects.
 */
function targetSchedule(kernel: Kernel, clock: SteerableClock, pacer: Pacer, target: Pick<LiveTarget, 'tick' | 'nextDueAt'>, changes: InventoryChanges) {
  const tick = (then?: () => void) => {
    const done = () => {
      changes.flush();
      then?.();
    };
    const seen = target.tick();
    if (!seen) return done();
    pacer.sent();
    seen.then(() => {
      kernel.at(Math.max(kernel.now, clock.now()), { fire: done });
      pacer.answered();
    }, (e: unknown) => pacer.fail(e));
  };
  const handler: EventHandler = {
    fire: () => tick(() => kernel.at(Math.max(target.nextDueAt(), kernel.now + 1), handler)),
  };
  return { handler, tickAt: (at: number) => kernel.at(Math.max(at, kernel.now), { fire: () => tick() }) };
}
