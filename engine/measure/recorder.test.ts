import { describe, expect, it } from 'vitest';
import { AgentRun, BOT, LEGIT, type AgentHost } from '../agents/agent-run.js';
import { DONE, HOLDING, Recorder, WAITING } from './recorder.js';

const WARMUP_END = 1_000;
const host: AgentHost = { onAgentEvent: () => {} };
const person = (index: number, local: number) => new AgentRun(host, index, `p${local}`, LEGIT, 0, local, 60, 1, 1);
const bot = (index: number, crew: number) => new AgentRun(host, index, `b${index}`, BOT, crew, index, 25, 1, 1);

describe('Recorder', () => {
  it('keeps a person’s first appointment as their outcome when they come back for a later visit (laterVisits)', () => {
    const r = new Recorder(1, 1, WARMUP_END);
    r.arrived(0, 0, 2_000, 2_000, 9_000);
    r.checkIn(0, 'bk1', 6_000, true, undefined, 6_000);
    r.checkIn(0, 'bk2', 20_000, false, 'NAME_MISMATCH', 20_000);
    r.checkIn(0, 'bk3', 30_000, true, undefined, 30_000);
    expect([r.servedAt[0], r.servedSlot[0], r.state[0]]).toEqual([6_000, 6_000, DONE]);
    expect(r.waiting).toBe(0);
    // a refusal at a later visit still counts at the counter
    expect(r.refusedAtCounter).toEqual({ NAME_MISMATCH: 1 });
  });

  it('counts people waiting as they arrive, hold a slot, are refused and are served; the served stay done', () => {
    const r = new Recorder(2, 1, WARMUP_END);
    r.arrived(0, 0, 2_000, 2_000, 9_000);
    r.arrived(1, 0, 500, 600, 9_000);
    expect(r.waiting).toBe(2);
    expect([r.arrival[0], r.needAt[1], r.deadline[0]]).toEqual([2_000, 600, 9_000]);
    r.setState(0, HOLDING);
    expect(r.waiting).toBe(1);
    r.checkIn(0, 'bk1', 5_000, false, 'NAME_MISMATCH', 5_000);
    expect(r.state[0]).toBe(WAITING);
    expect(r.waiting).toBe(2);
    r.checkIn(0, 'bk2', 6_000, true, undefined, 6_000);
    expect(r.state[0]).toBe(DONE);
    expect(r.servedAt[0]).toBe(6_000);
    r.setState(0, WAITING);
    expect(r.state[0]).toBe(DONE);
    expect(r.waiting).toBe(1);
    // refusals at the counter count only for people who arrived after the warm-up
    r.checkIn(1, 'bk3', 5_000, false, 'NAME_MISMATCH', 5_000);
    expect(r.refusedAtCounter).toEqual({ NAME_MISMATCH: 1 });
  });

  it('adds up a person\'s effort and keeps the collateral measures that hit them as flags', () => {
    const r = new Recorder(1, 0, WARMUP_END);
    r.effort(0, 60_000);
    r.effort(0, 12_500);
    expect(r.effortMs[0]).toBe(72_500);
    r.hit(0, 'captcha');
    r.hit(0, 'captcha');
    r.hit(0, 'purge');
    expect(r.collateral[0]).not.toBe(0);
    const again = new Recorder(1, 0, WARMUP_END);
    again.hit(0, 'captcha');
    expect(r.collateral[0]).not.toBe(again.collateral[0]);
  });

  it('counts traffic only after the warm-up, bots per crew, elided polls apart', () => {
    const r = new Recorder(1, 2, WARMUP_END);
    r.requestsAt(bot(0, 1), 5, false, WARMUP_END - 1);
    expect(r.requests).toBe(0);
    r.requestsAt(bot(0, 1), 5, false, WARMUP_END);
    r.requestsAt(bot(1, 1), 3, true, WARMUP_END + 10);
    r.requestsAt(person(2, 0), 2, false, WARMUP_END + 10);
    expect([r.requests, r.botRequests, r.elidedPolls]).toEqual([10, 8, 3]);
    expect([...r.crewRequests]).toEqual([0, 8]);
  });

  it('credits a slot to whoever booked it first, and marks it served at the counter', () => {
    const r = new Recorder(1, 1, WARMUP_END);
    r.released([{ id: 's1', counter: 'renewal', start: 9_000 }, { id: 's2', counter: 'renewal', start: 9_900 }], 2_000);
    expect(r.batches).toHaveLength(1);
    r.booked('s1', 'bk1', bot(0, 0), 2_100);
    r.booked('s1', 'bk2', person(1, 0), 2_200);
    r.booked('s2', 'bk3', person(1, 0), 2_300);
    expect([r.cumBots, r.cumLegit, r.crewBooked[0]]).toEqual([1, 1, 1]);
    expect(r.slots.get('s1')?.firstBy).toBe(1);
    expect(r.slots.get('s1')?.firstBookedAt).toBe(2_100);
    expect(r.bookedBy.get('bk2')).toBe(1);
    r.slotServed('s2');
    r.slotServed('unknown');
    expect([r.slots.get('s1')?.served, r.slots.get('s2')?.served]).toEqual([false, true]);
  });

  it('counts a buyer\'s money whenever it was paid, crews\' sales and double sales only after the warm-up', () => {
    const r = new Recorder(1, 1, WARMUP_END);
    r.paid(0, 0, 100, 'bk1', WARMUP_END - 1);
    r.paid(0, 0, 150, 'bk2', WARMUP_END);
    expect(r.money[0]).toBe(250);
    expect([r.crewSold[0], r.crewRevenue[0]]).toEqual([1, 150]);
    r.doubleSale(WARMUP_END - 1);
    r.doubleSale(WARMUP_END);
    expect(r.doubleSold).toBe(1);
    // a bought convocation refused at the counter counts against its crew
    r.arrived(0, 0, 2_000, 2_000, 9_000);
    r.checkIn(0, 'bk2', 5_000, false, 'NAME_MISMATCH', 5_000);
    expect(r.crewRefused[0]).toBe(1);
    r.checkIn(0, 'bk1', 6_000, true, undefined, 6_000);
    expect([r.visitsServed[0], r.visitsBought[0]]).toEqual([1, 1]);
  });

  it('counts every appointment served, first and later visits, and those on a bought slot, as revenue counts every sale', () => {
    const r = new Recorder(1, 1, WARMUP_END);
    r.arrived(0, 0, WARMUP_END, WARMUP_END, WARMUP_END + 9_000);
    // first visit booked by themselves, the later one bought
    r.checkIn(0, 'own', WARMUP_END + 1_000, true, undefined, WARMUP_END + 1_000);
    r.paid(0, 0, 120, 'bought', WARMUP_END + 2_000);
    r.checkIn(0, 'bought', WARMUP_END + 3_000, true, undefined, WARMUP_END + 3_000);
    expect([r.visitsServed[0], r.visitsBought[0]]).toEqual([2, 1]);
    expect(r.crewRevenue[0]).toBe(120);
    // the person's outcome stays their first appointment
    expect(r.servedSlot[0]).toBe(WARMUP_END + 1_000);
  });
});
