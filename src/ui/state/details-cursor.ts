import type {ActionId} from '../keys/key-table.js';
import {clamp, scroll} from './list-cursor.js';
import type {ListCursor} from './ui-state.js';

/** How the layer details pane is made up: its line count and the run of selectable hidden-file lines in it. */
export type DetailsShape = {readonly lines: number; readonly hiddenStart: number; readonly hiddenRows: number};

/** The hidden-file rows in a window of `height` lines from `top`, or undefined when none is in view. */
function rowsInView(top: number, height: number, shape: DetailsShape): [number, number] | undefined {
	const first = Math.max(top, shape.hiddenStart) - shape.hiddenStart;
	const last = Math.min(top + height, shape.hiddenStart + shape.hiddenRows) - 1 - shape.hiddenStart;
	return first <= last ? [first, last] : undefined;
}

/** Keeps the cursor on a hidden file in view, when one is. */
function settle(cursor: number, top: number, height: number, shape: DetailsShape): ListCursor {
	const inView = rowsInView(top, height, shape);
	const row = clamp(cursor, 0, Math.max(0, shape.hiddenRows - 1));
	return {cursor: inView ? clamp(row, inView[0], inView[1]) : row, top};
}

/**
A text pane with selectable lines in it, moved as a web browser's keyboard moves between links: ↑/↓ go to the
previous/next hidden file when it is in view or just past the edge, and scroll a line otherwise (so the lines
around the list, and the command below a long list, stay reachable); pages and home/end scroll, and the cursor
stays on a hidden file in view. Returns undefined for keys that do not move.
*/
export function moveInDetails(list: ListCursor, id: ActionId, shape: DetailsShape, height: number): ListCursor | undefined {
	const rows = Math.max(1, height);
	const lineOf = (row: number) => shape.hiddenStart + row;
	const scrolled = (delta: number) => settle(list.cursor, scroll(list.top, delta, shape.lines, rows), rows, shape);
	const cursorInView = lineOf(list.cursor) >= list.top && lineOf(list.cursor) < list.top + rows;
	const step = (row: number) => {
		const line = lineOf(row);
		return {cursor: row, top: clamp(line < list.top ? line : line >= list.top + rows ? line - rows + 1 : list.top, 0, Math.max(0, shape.lines - rows))};
	};
	switch (id) {
		case 'down': {
			const next = list.cursor + 1;
			if (shape.hiddenRows > 0 && cursorInView && next < shape.hiddenRows && lineOf(next) <= list.top + rows) return step(next);
			return scrolled(1);
		}
		case 'up': {
			const previous = list.cursor - 1;
			if (shape.hiddenRows > 0 && cursorInView && previous >= 0 && lineOf(previous) >= list.top - 1) return step(previous);
			return scrolled(-1);
		}
		case 'page-down':
			return scrolled(rows);
		case 'page-up':
			return scrolled(-rows);
		case 'home':
			return settle(0, 0, rows, shape);
		case 'end':
			return scrolled(shape.lines);
		default:
			return undefined;
	}
}

/** The same position after the pane changed size (or the layer's lines changed). */
export function clampDetails(list: ListCursor, shape: DetailsShape, height: number): ListCursor {
	const rows = Math.max(1, height);
	return settle(list.cursor, clamp(list.top, 0, Math.max(0, shape.lines - rows)), rows, shape);
}

/** Whether the selected hidden file is on screen (Enter acts on it only then). */
export function hiddenInView(list: ListCursor, shape: DetailsShape, height: number): boolean {
	const line = shape.hiddenStart + list.cursor;
	return list.cursor < shape.hiddenRows && line >= list.top && line < list.top + Math.max(1, height);
}
