import {memo} from 'react';
import type {Analysis} from '../../core/analysis-types.js';
import {follow} from '../state/list-cursor.js';
import type {ListCursor} from '../state/ui-state.js';
import {imageSummaryLines, readingText, wastedHeader, wastedLines} from '../view/details-view.js';
import type {PaneBox} from '../view/layout.js';
import {seg} from '../view/line.js';
import type {Theme} from '../view/theme.js';
import {LinesView} from './lines-view.js';
import {Pane} from './pane.js';

export type ImageDetailsPaneProps = {
	readonly analysis: Analysis;
	/** The key that opens the Hints view, as the image's hint line names it. */
	readonly hintKey?: string;
	readonly wasted: ListCursor;
	readonly focused: boolean;
	readonly box: PaneBox;
	readonly theme: Theme;
	/** The image is still being read: its figures and wasted files are not known yet. */
	readonly reading?: boolean;
};

/** Drawn again only when its props change (not on a move in the file tree). */
export const ImageDetailsPane = memo(function ImageDetailsPane({analysis, hintKey, wasted, focused, box, theme, reading = false}: ImageDetailsPaneProps) {
	const summary = imageSummaryLines(analysis, box.width - 1, theme, hintKey, reading);
	const rows = Math.max(1, box.height - 2 - summary.length);
	const count = analysis.inefficiencies.length;
	const top = follow(wasted.top, wasted.cursor, count, rows);
	const table = reading ? [[seg(readingText, theme.dim)]] : count === 0 ? [[seg('No path is stored in more than one layer.', theme.dim)]] : wastedLines(analysis, {cursor: wasted.cursor, top}, rows, box.width, focused, theme);
	const note = count > 0 ? `${Math.min(count, wasted.cursor + 1)}/${count} wasted` : '';
	return (
		<Pane title={`Image ${analysis.image.name}`} note={note} focused={focused} width={box.width} height={box.height} theme={theme}>
			<LinesView lines={[...summary, wastedHeader(box.width), ...table]} width={box.width} height={box.height - 1} />
		</Pane>
	);
});
