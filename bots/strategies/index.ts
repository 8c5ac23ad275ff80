/** Strategy name (scenario `strategy:`) → agent. */
import type { Strategy } from '../../scenarios/schema.js';
import type { Agent } from '../actions.js';
import type { CrewContext } from '../context.js';
import { broker } from './broker.js';
import { doubleSeller } from './double-seller.js';
import { hoarder } from './hoarder.js';
import { sniper } from './sniper.js';

export const STRATEGY_AGENTS: Record<Strategy, Agent<CrewContext>> = {
  sniper,
  hoarder,
  broker,
  'double-seller': doubleSeller,
};
