// What the live controller runs, loaded on first use: the runner, the diagnosis's action planner
// and the manual console pull in the protocol engines, every rule and the knowledge base, none of
// which the wizard's first screen needs. The wizard draws that screen first and starts this load
// at once (LiveSessionController.preload), so it is in place before the first step runs.
export { planAction } from '../diagnosis/actions.js';
export { runSession } from './runner.js';
export { ConsoleSessionController } from './console/console-controller.js';
export { ManualConsole } from './console/manual-console.js';
export { liveEngineOf, takeOver } from './console/take-over.js';
