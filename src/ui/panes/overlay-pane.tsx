import {scroll} from '../state/list-cursor.js';
import type {Overlay} from '../state/ui-state.js';
import type {Line} from '../view/line.js';
import type {Theme} from '../view/theme.js';
import {LinesView} from './lines-view.js';
import {Pane} from './pane.js';

export function overlayTitle(overlay: Overlay): string {
	switch (overlay.kind) {
		case 'help':
			return 'Keys';
		case 'hints':
			return 'Hints: why bytes are wasted, and what to change';
		case 'history':
			return `History of ${overlay.path}`;
		case 'file':
			return `${overlay.path} as of layer ${overlay.layer}`;
		default:
			return '';
	}
}

export type OverlayPaneProps = {
	readonly overlay: Overlay;
	readonly body: readonly Line[];
	readonly width: number;
	readonly height: number;
	readonly theme: Theme;
};

/** A full-width view over the panes: help, file history, file content. */
export function OverlayPane({overlay, body, width, height, theme}: OverlayPaneProps) {
	const rows = Math.max(1, height - 1);
	const top = 'scroll' in overlay ? scroll(overlay.scroll, 0, body.length, rows) : 0;
	const note = body.length > rows ? `${top + 1}-${Math.min(body.length, top + rows)}/${body.length}` : '';
	return (
		<Pane title={overlayTitle(overlay)} note={note} focused width={width} height={height} theme={theme}>
			<LinesView lines={body.slice(top, top + rows)} width={width} height={rows} />
		</Pane>
	);
}
