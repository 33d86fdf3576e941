/** The CI gate's CLI side, loaded on demand by main (the explorer and a plain --json do not need it). */
export {gateFor} from './gate-for.js';
export {checkReportTargets, runGate} from './run-gate.js';
