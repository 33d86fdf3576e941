import type {LayerAnalysis} from '../../core/analysis-types.js';
import {follow} from './list-cursor.js';
import type {ReduceEnv} from './reduce-env.js';
import type {UiState} from './ui-state.js';

/** How the Layers pane lists the layers: in image order, or the most reclaimable bytes first. */
export type LayerSort = 'index' | 'reclaimable';

/** The layer indices in the order the Layers pane lists them (ties keep image order). */
export function layerOrder(layers: readonly Pick<LayerAnalysis, 'index' | 'reclaimableBytes'>[], sort: LayerSort): number[] {
	const order = layers.map(layer => layer.index);
	if (sort === 'index') return order;
	return order.sort((a, b) => layers[b]!.reclaimableBytes - layers[a]!.reclaimableBytes || a - b);
}

/** The layer that stores the most bytes a later layer hides (the first of equals), or undefined when none does. */
export function worstLayer(layers: readonly Pick<LayerAnalysis, 'index' | 'reclaimableBytes'>[]): LayerAnalysis['index'] | undefined {
	let worst: number | undefined;
	for (const layer of layers) {
		if (layer.reclaimableBytes > 0 && (worst === undefined || layer.reclaimableBytes > layers[worst]!.reclaimableBytes)) worst = layer.index;
	}
	return worst;
}

/** The Layers pane's cursor on layer `layer`, scrolled the least to show it in the pane's order. */
export function placeLayer(state: UiState, env: ReduceEnv, layer: number, sort = state.layerSort): UiState['layers'] {
	const position = env.layerOrder(sort).indexOf(layer);
	return {cursor: layer, top: follow(state.layers.top, Math.max(0, position), env.layerCount, env.viewport.layers)};
}
