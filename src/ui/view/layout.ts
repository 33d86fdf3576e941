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
/** The left column's width for a terminal `columns` wide. */
export function leftColumnWidth(columns: number): number {
	return Math.min(70, Math.max(26, Math.round(Math.max(minSize.columns, columns) * 0.4)));
}

/**
Pane sizes. `imageMin` is the height the image details pane needs to show its summary and a few wasted files.
*/
export function computeLayout(size: Size, focus: Focus, bar: boolean, imageMin = 0): Layout {
	const width = Math.max(minSize.columns, size.columns);
	const height = Math.max(minSize.rows, size.rows) - 1;
	const main = height - 1 - (bar ? 1 : 0);
	const leftWidth = leftColumnWidth(width);
	const weights = {layers: 3, layerDetails: 2, imageDetails: 3};
	if (focus === 'layers') weights.layers += 2;
	if (focus === 'layer-details') weights.layerDetails += 3;
	if (focus === 'image-details') weights.imageDetails += 3;
	const total = weights.layers + weights.layerDetails + weights.imageDetails;
	const image = Math.max(Math.round((main * weights.imageDetails) / total), Math.min(imageMin, main - 6), 3);
	const rest = main - image;
	// Layer details keeps room for its first four lines (added, modified, removed, reclaimable) where the height allows.
	const detailsMin = main >= 20 ? 5 : 3;
	const layers = Math.max(3, Math.min(rest - detailsMin, Math.round((rest * weights.layers) / (weights.layers + weights.layerDetails))));
	const layerDetails = Math.max(3, rest - layers);
	return {
		width,
		height,
		main,
		left: {width: leftWidth, height: main},
		layers: {width: leftWidth, height: layers},
		layerDetails: {width: leftWidth, height: layerDetails},
		imageDetails: {width: leftWidth, height: Math.max(3, main - layers - layerDetails)},
		tree: {width: width - leftWidth, height: main},
		bar,
	};
}
