/** The live settings of a scenario without a `live:` block: the schema's own defaults. */
import { LiveSchema, type LiveSettings } from '../../scenarios/schema/live.js';

export const LIVE_SETTINGS_DEFAULTS: LiveSettings = LiveSchema.parse({});
