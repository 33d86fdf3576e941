import type {Effect, UiState} from './ui-state.js';

/** Queues an effect for the app to run (numbered, so the app can say which ones it took). */
export function withEffect(state: UiState, effect: Effect): UiState {
	return {...state, effects: [...state.effects, {...effect, id: state.nextEffect}], nextEffect: state.nextEffect + 1};
}
