/**
 * Market messages reaching agents: into the agent's inbox, a person holding a delivered
 * convocation recorded as such, and an agent watching for its inbox woken.
 */
import type { MarketMessage } from '../../bots/actions.js';
import { HOLDING, type Recorder } from '../measure/recorder.js';
import type { WatchBoard } from '../polls/watch-board.js';

/** Whoever ends an agent's watch when a message arrives: the watch board, or a live run's watches. */
export type MessageWatcher = Pick<WatchBoard, 'onMessage'>;
import { LEGIT } from '../agents/agent-run.js';
import type { AgentRegistry } from '../agents/agent-registry.js';

export class Mailbox {
  constructor(private readonly registry: AgentRegistry, private readonly recorder: Recorder, private readonly board: MessageWatcher) {}

  post(agentId: string, msg: MarketMessage): void {
    const agent = this.registry.byId.get(agentId);
    if (!agent || agent.done) return;
    agent.inbox.push(msg);
    if (msg.kind === 'delivered' && agent.kind === LEGIT) this.recorder.setState(agent.local, HOLDING);
    if (agent.watching && agent.wInbox) this.board.onMessage(agent);
  }
}
