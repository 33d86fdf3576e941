import type {LayerAnalysis} from '../../core/analysis-types.js';
import {scroll} from '../state/list-cursor.js';
import {layerDetailsLines} from '../view/details-view.js';
import type {PaneBox} from '../view/layout.js';
import type {Theme} from '../view/theme.js';
import {LinesView} from './lines-view.js';
import {Pane} from './pane.js';

export type LayerDetailsPaneProps = {
	readonly layer: LayerAnalysis | undefined;
	readonly scrollTop: number;
	readonly focused: boolean;
	readonly box: PaneBox;
	readonly theme: Theme;
};

export function LayerDetailsPane({layer, scrollTop, focused, box, theme}: LayerDetailsPaneProps) {
	const rows = Math.max(1, box.height - 1);
	const all = layerDetailsLines(layer, box.width - 1, theme);
	const top = scroll(scrollTop, 0, all.length, rows);
	const note = all.length > rows ? `${top + 1}-${Math.min(all.length, top + rows)}/${all.length}` : '';
	return (
		<Pane title={`Layer ${layer?.index ?? ''} details`} note={note} focused={focused} width={box.width} height={box.height} theme={theme}>
			<LinesView lines={all.slice(top, top + rows)} width={box.width} height={rows} />
		</Pane>
	);
}
