import type {ListCursor} from './ui-state.js';

export function clamp(value: number, low: number, high: number): number {
	return Math.max(low, Math.min(high, value));
}

/** Moves a cursor to `target` (clamped to the list) and scrolls the least needed to keep it in view. */
export function moveTo(list: ListCursor, target: number, count: number, height: number): ListCursor {
	const cursor = count === 0 ? 0 : clamp(target, 0, count - 1);
	return {cursor, top: follow(list.top, cursor, count, height)};
}

/** The first shown row that keeps `cursor` in a window of `height` rows, moving `top` as little as possible. */
export function follow(top: number, cursor: number, count: number, height: number): number {
	const rows = Math.max(1, height);
	let next = top;
	if (cursor < next) next = cursor;
	if (cursor >= next + rows) next = cursor - rows + 1;
	return clamp(next, 0, Math.max(0, count - rows));
}

/** Pages by a window: the cursor and the window move together, as a pager does. */
export function page(list: ListCursor, direction: 1 | -1, count: number, height: number): ListCursor {
	const rows = Math.max(1, height);
	const cursor = count === 0 ? 0 : clamp(list.cursor + direction * rows, 0, count - 1);
	const top = clamp(list.top + direction * rows, 0, Math.max(0, count - rows));
	return {cursor, top: follow(top, cursor, count, rows)};
}

/** Scrolls a plain text view (no cursor): returns the new first line. */
export function scroll(top: number, delta: number, lines: number, height: number): number {
	return clamp(top + delta, 0, Math.max(0, lines - Math.max(1, height)));
}
