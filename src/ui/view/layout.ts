import type {Focus} from '../keys/key-map.js';

export type Size = {readonly columns: number; readonly rows: number};

export type PaneBox = {readonly width: number; readonly height: number};

export type Layout = {
	readonly width: number;
	/** Rows drawn: one less than the terminal, so Ink never falls back to clearing the whole screen per frame. */
	readonly height: number;
	readonly main: number;
	readonly left: PaneBox;
	readonly layers: PaneBox;
	readonly layerDetails: PaneBox;
	readonly imageDetails: PaneBox;
	readonly tree: PaneBox;
	readonly bar: boolean;
};

export const minSize: Size = {columns: 40, rows: 12};

/**
dive's two columns (layers, layer details, image details on the left; the tree on the right), sized for small
terminals: the left column takes 40% (at least 26, at most 70 columns) and the focused left pane grows.
*/
export function computeLayout(size: Size, focus: Focus, bar: boolean): Layout {
	const width = Math.max(minSize.columns, size.columns);
	const height = Math.max(minSize.rows, size.rows) - 1;
	const main = height - 1 - (bar ? 1 : 0);
	const leftWidth = Math.min(70, Math.max(26, Math.round(width * 0.4)));
	const weights = {layers: 3, layerDetails: 2, imageDetails: 3};
	if (focus === 'layers') weights.layers += 2;
	if (focus === 'layer-details') weights.layerDetails += 3;
	if (focus === 'image-details') weights.imageDetails += 3;
	const total = weights.layers + weights.layerDetails + weights.imageDetails;
	const layers = Math.max(3, Math.round((main * weights.layers) / total));
	const layerDetails = Math.max(3, Math.round((main * weights.layerDetails) / total));
	const imageDetails = Math.max(3, main - layers - layerDetails);
	return {
		width,
		height,
		main,
		left: {width: leftWidth, height: main},
		layers: {width: leftWidth, height: layers},
		layerDetails: {width: leftWidth, height: layerDetails},
		imageDetails: {width: leftWidth, height: main - layers - layerDetails > 0 ? imageDetails : 3},
		tree: {width: width - leftWidth, height: main},
		bar,
	};
}
