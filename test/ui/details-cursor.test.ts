import {describe, expect, test} from 'vitest';
import type {ActionId} from '../../src/ui/keys/key-table.js';
import {clampDetails, hiddenInView, moveInDetails, type DetailsShape} from '../../src/ui/state/details-cursor.js';
import type {ListCursor} from '../../src/ui/state/ui-state.js';

/** 20 lines: 4 of totals, hidden files on lines 4-8, then size, command, id, digest on lines 9-19. */
const shape: DetailsShape = {lines: 20, hiddenStart: 4, hiddenRows: 5};

function moves(start: ListCursor, height: number, ...ids: ActionId[]): ListCursor[] {
	const out: ListCursor[] = [];
	let list = start;
	for (const id of ids) {
		list = moveInDetails(list, id, shape, height)!;
		out.push(list);
	}
	return out;
}

describe('moving in the layer details pane', () => {
	test('↓ scrolls until a hidden file is in view, steps through the list, then scrolls on to the last line', () => {
		const path = moves({cursor: 0, top: 0}, 3, 'down', 'down', 'down', 'down', 'down', 'down', 'down', 'down');
		expect(path).toEqual([
			{cursor: 0, top: 1},
			{cursor: 0, top: 2}, // line 4, the first hidden file, is in view now
			{cursor: 1, top: 3},
			{cursor: 2, top: 4},
			{cursor: 3, top: 5},
			{cursor: 4, top: 6},
			{cursor: 4, top: 7}, // past the list: plain scrolling, the cursor stays on the last file in view
			{cursor: 4, top: 8},
		]);
		expect(hiddenInView(path.at(-1)!, shape, 3)).toBe(true);
		const end = moves(path.at(-1)!, 3, 'down', 'down')[1]!;
		expect(end.top).toBe(10);
		expect(hiddenInView(end, shape, 3)).toBe(false);
	});

	test('↑ from below the list scrolls back to it, then steps up through it, then shows the lines above', () => {
		const path = moves({cursor: 4, top: 10}, 3, 'up', 'up', 'up', 'up', 'up', 'up', 'up', 'up', 'up', 'up', 'up');
		// Line 8 (the last file) comes into view at top 8; each ↑ then selects the file above, scrolling with it.
		expect(path.map(list => list.top)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0]);
		expect(path.map(list => list.cursor)).toEqual([4, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0]);
	});

	test('pages and home/end scroll, keeping the cursor on a hidden file in view; without hidden files keys just scroll', () => {
		expect(moveInDetails({cursor: 0, top: 0}, 'page-down', shape, 6)).toEqual({cursor: 2, top: 6});
		expect(moveInDetails({cursor: 4, top: 6}, 'page-up', shape, 6)).toEqual({cursor: 1, top: 0});
		expect(moveInDetails({cursor: 3, top: 6}, 'home', shape, 6)).toEqual({cursor: 0, top: 0});
		expect(moveInDetails({cursor: 0, top: 0}, 'end', shape, 6)).toEqual({cursor: 0, top: 14});
		const plain: DetailsShape = {lines: 10, hiddenStart: 4, hiddenRows: 0};
		expect(moveInDetails({cursor: 0, top: 0}, 'down', plain, 4)).toEqual({cursor: 0, top: 1});
		expect(moveInDetails({cursor: 0, top: 6}, 'down', plain, 4)).toEqual({cursor: 0, top: 6});
		expect(moveInDetails({cursor: 0, top: 0}, 'toggle-sort', plain, 4)).toBeUndefined();
	});

	test('a bigger pane (focus, resize) keeps the position in bounds', () => {
		expect(clampDetails({cursor: 4, top: 18}, shape, 10)).toEqual({cursor: 4, top: 10});
		expect(clampDetails({cursor: 0, top: 7}, shape, 3)).toEqual({cursor: 3, top: 7});
	});
});
