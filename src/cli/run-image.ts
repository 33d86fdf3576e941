// What a run on an image needs beyond the command line (the loader, the analysis, the JSON writer), behind one dynamic
// import in main.ts: `--version`, `--help` and usage errors never load it, and the bundle gets one split point for it
// rather than one per module, so a `--json` run resolves and reads fewer chunk files (each one costs every run).
export {analyze} from '../core/analyze.js';
export {hintsDisabled} from '../loader/hint-inputs.js';
export {loadAnyImage} from './open-image.js';
export {openSource} from './open-source.js';
export {runJson} from './run-json.js';
