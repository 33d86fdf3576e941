// What code outside the explorer (the bench) may use to drive it: the app, its model and its inputs. Everything else
// under src/ui/ is the explorer's own (test/architecture.test.ts checks that nothing outside reaches past this file).
export {App} from './app/app.js';
export {createModel} from './app/explorer-model.js';
export {KeySource} from './app/key-source.js';
export {buildKeyMap} from './keys/key-map.js';
export {initialState} from './state/ui-state.js';
export {makeTheme} from './view/theme.js';
