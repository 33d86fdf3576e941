import {memo} from 'react';
import type {LayerAnalysis} from '../../core/analysis-types.js';
import type {HintReport} from '../../core/hints/hint-types.js';
import {clampDetails} from '../state/details-cursor.js';
import type {ListCursor} from '../state/ui-state.js';
import type {PaneBox} from '../view/layout.js';
import {hiddenLine, hiddenRows, layerDetails} from '../view/layer-details-view.js';
import type {Theme} from '../view/theme.js';
import {LinesView} from './lines-view.js';
import {Pane} from './pane.js';

export type LayerDetailsPaneProps = {
	readonly layer: LayerAnalysis | undefined;
	/** The image's hints: the pane lists those that concern the layer. */
	readonly hints?: HintReport;
	/** The selected hidden file and the first line shown. */
	readonly list: ListCursor;
	readonly focused: boolean;
	readonly box: PaneBox;
	readonly theme: Theme;
	/** The image is still being read (the layer's reclaimable bytes are not known yet). */
	readonly reading?: boolean;
};

/** Drawn again only when its props change (not on a move in the file tree). */
export const LayerDetailsPane = memo(function LayerDetailsPane({layer, hints, list, focused, box, theme, reading = false}: LayerDetailsPaneProps) {
	const rows = Math.max(1, box.height - 1);
	const details = layerDetails(layer, box.width - 1, theme, hints, reading);
	const {cursor, top} = clampDetails(list, {lines: details.lines.length, hiddenStart: details.hiddenStart, hiddenRows: details.hiddenRows}, rows);
	const lines = [...details.lines];
	const selected = layer ? hiddenRows(layer)[cursor] : undefined;
	if (focused && selected && cursor < details.hiddenRows) lines[details.hiddenStart + cursor] = hiddenLine(selected, box.width - 1, true, theme);
	const note = lines.length > rows ? `${top + 1}-${Math.min(lines.length, top + rows)}/${lines.length}` : '';
	return (
		<Pane title={`Layer ${layer?.index ?? ''} details`} note={note} focused={focused} width={box.width} height={box.height} theme={theme}>
			<LinesView lines={lines.slice(top, top + rows)} width={box.width} height={rows} />
		</Pane>
	);
});
