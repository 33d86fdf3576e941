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
Pane sizes. The Layers pane gets the rows its layers need first (up to what leaves the details panes their minimum),
so the whole image fits on the first screen where it can; the details panes share the rest, the focused one growing.
`imageMin` is the height the image details pane needs for its summary and a few wasted files, `imageNeed` the height
that shows all of them. One row above the
status bar always holds the answer line ("most reclaimable: layer N").
*/
export function computeLayout(
	size: Size,
	focus: Focus,
	bar: boolean,
	imageMin = 0,
	layerCount = Number.POSITIVE_INFINITY,
	imageNeed = Number.POSITIVE_INFINITY,
	answer = true,
): Layout {
	const width = Math.max(minSize.columns, size.columns);
	const height = Math.max(minSize.rows, size.rows) - 1;
	// The status line, the answer line (not over a full-screen view) and the filter or extract bar.
	const main = height - 1 - (answer ? 1 : 0) - (bar ? 1 : 0);
	const leftWidth = leftColumnWidth(width);
	// Layer details keeps room for its first four lines (added, modified, removed, reclaimable) where the height allows.
	const detailsMin = main >= 20 && focus !== 'image-details' ? 5 : 3;
	const imageFloor = 3;
	// Title and column header, then one row per layer.
	const layersWanted = layerCount + 2;
	const detailsFocused = focus === 'layer-details' || focus === 'image-details';
	const layersCap = detailsFocused ? Math.max(3, Math.round(main * 0.35)) : main - detailsMin - imageFloor;
	const layers = Math.max(3, Math.min(layersWanted, layersCap));
	const rest = main - layers;
	const weights = {layerDetails: 2, imageDetails: 3};
	if (focus === 'layer-details') weights.layerDetails += 4;
	if (focus === 'image-details') weights.imageDetails += 4;
	const share = Math.round((rest * weights.imageDetails) / (weights.imageDetails + weights.layerDetails));
	const wanted = focus === 'layer-details' ? share : Math.max(share, imageMin);
	// Never more than it can fill: rows it would leave blank go to the layer details.
	const image = Math.max(imageFloor, Math.min(rest - detailsMin, wanted, imageNeed));
	const layerDetails = Math.max(3, rest - image);
	return {
		width,
		height,
		main,
		left: {width: leftWidth, height: main},
		layers: {width: leftWidth, height: layers},
		layerDetails: {width: leftWidth, height: layerDetails},
		imageDetails: {width: leftWidth, height: Math.max(3, main - layers - layerDetails)},
		// One blank column (the gutter) keeps the tree's selection mark off the left panes' text.
		tree: {width: width - leftWidth - 1, height: main},
		bar,
	};
}
