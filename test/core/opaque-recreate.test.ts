import {afterEach, describe, expect, test, vi} from 'vitest';
import {applyLayer} from '../../src/core/apply-layer.js';
import {changeRecords} from '../../src/core/change-list.js';
import {createRoot} from '../../src/core/fs-tree.js';
import type {LayerEntry} from '../../src/core/model.js';

const entry = (path: string, type: LayerEntry['type'], content = ''): LayerEntry => ({
	path,
	type,
	typeFlag: type === 'dir' ? 53 : 48,
	size: content.length,
	mode: 0o644,
	uid: 0,
	gid: 0,
	linkTarget: '',
	digest: content === '' ? '' : `d-${content}`,
});

const count = 5000;
const lower: LayerEntry[] = [entry('app', 'dir'), entry('app/node_modules', 'dir')];
for (let i = 0; i < count; i++) lower.push(entry(`app/node_modules/m${i}`, 'file', i % 2 === 0 ? 'same' : `old${i}`));
// `RUN rm -rf node_modules && npm ci`: an opaque marker, then every path written again (half of them changed).
const upper: LayerEntry[] = [entry('app/node_modules', 'dir'), entry('app/node_modules/.wh..wh..opq', 'file')];
for (let i = 0; i < count; i++) upper.push(entry(`app/node_modules/m${i}`, 'file', i % 2 === 0 ? 'same' : `new${i}`));
upper.push(entry('app/node_modules/extra', 'file', 'x'));

describe('an opaque directory recreated in the same layer', () => {
	afterEach(() => vi.restoreAllMocks());

	test('each path written again is one modification (or nothing when equal), the rest stay removed or added', () => {
		const root = createRoot();
		applyLayer(root, lower, 0);
		const changes = changeRecords(applyLayer(root, upper, 1));
		const kinds = new Map<string, number>();
		for (const change of changes) kinds.set(change.kind, (kinds.get(change.kind) ?? 0) + 1);
		// Odd-numbered modules changed content; even ones are the same bytes and vanish from the list.
		expect(kinds.get('modified')).toBe(count / 2);
		expect(kinds.get('added')).toBe(1);
		expect(kinds.get('removed')).toBeUndefined();
		expect(changes.find(change => change.path === '/app/node_modules/m1')).toMatchObject({kind: 'modified', fields: ['content']});
		expect(changes.find(change => change.path === '/app/node_modules/m0')).toBeUndefined();
	});

	test('without a search or splice of the change list per path (that was quadratic: 80k files took 14 s)', () => {
		const root = createRoot();
		applyLayer(root, lower, 0);
		let bigSearches = 0;
		const {indexOf, splice} = Array.prototype;
		vi.spyOn(Array.prototype, 'indexOf').mockImplementation(function (this: unknown[], ...args: Parameters<typeof indexOf>) {
			if (this.length > 1000) bigSearches++;
			return indexOf.apply(this, args);
		});
		vi.spyOn(Array.prototype, 'splice').mockImplementation(function (this: unknown[], ...args: Parameters<typeof splice>) {
			if (this.length > 1000) bigSearches++;
			return splice.apply(this, args as [number, number]);
		});
		applyLayer(root, upper, 1);
		vi.restoreAllMocks();
		expect(bigSearches).toBe(0);
	});
});
