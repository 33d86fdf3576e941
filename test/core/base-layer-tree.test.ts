import {describe, expect, test} from 'vitest';
import type {Analysis, Change} from '../../src/core/analysis-types.js';
import {buildCompareTree, buildCompareTreeSteps, type TreeNode} from '../../src/core/compare-tree.js';
import {runSteps} from '../../src/core/steps.js';

const change = (path: string, type: Change['type'], size: number, kind: Change['kind'] = 'added'): Change => ({path, kind, type, size, mode: type === 'dir' ? 0o755 : 0o644, uid: 0, gid: 0, linkTarget: ''});

/** Layer 0's tree reads only the first layer's changes. */
const firstLayer = (changes: Change[]) => ({layers: [{changes}]}) as unknown as Analysis;

/** Every node, depth first: path, type, own size, shown size, layer, diff, parent path. */
function lines(root: TreeNode): string[] {
	const out: string[] = [];
	const stack = [root];
	while (stack.length > 0) {
		const node = stack.pop()!;
		out.push(`${node.path} ${node.type} ${node.size} ${node.totalSize} ${node.layer} ${node.diff} ${node.parent?.path ?? '-'}`);
		for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
	}
	return out;
}

describe("layer 0's tree", () => {
	test('from changes in tree order: each path under its parent, a path without one left out, a file with children kept as it is', () => {
		const tree = buildCompareTree(
			firstLayer([
				change('/a', 'dir', 0),
				change('/a/b', 'file', 10),
				change('/a-x', 'file', 5),
				change('/f', 'file', 3),
				change('/f/x', 'file', 2),
				change('/g/h', 'file', 7),
			]),
			0,
			'layer',
		);
		expect(lines(tree)).toEqual([
			'/ dir 0 20 -1 unmodified -',
			'/a dir 0 10 0 unmodified /',
			'/a/b file 10 10 0 unmodified /a',
			'/a-x file 5 5 0 unmodified /',
			'/f file 3 5 0 unmodified /',
			'/f/x file 2 2 0 unmodified /f',
		]);
	});

	test('from changes out of tree order: a path still finds a parent listed before it', () => {
		const tree = buildCompareTree(firstLayer([change('/a', 'dir', 0), change('/b', 'file', 1), change('/a/c', 'file', 4)]), 0, 'aggregated');
		expect(lines(tree)).toEqual(['/ dir 0 5 -1 unmodified -', '/a dir 0 4 0 unmodified /', '/a/c file 4 4 0 unmodified /a', '/b file 1 1 0 unmodified /']);
	});

	test('a removed path in the first layer adds nothing, nor anything below it', () => {
		const tree = buildCompareTree(firstLayer([change('/a', 'dir', 0, 'removed'), change('/a/b', 'file', 1), change('/c', 'file', 2)]), 0, 'layer');
		expect(lines(tree)).toEqual(['/ dir 0 2 -1 unmodified -', '/c file 2 2 0 unmodified /']);
	});

	test('built in steps of about 2,000 changes', () => {
		const many = [change('/d', 'dir', 0), ...Array.from({length: 5000}, (_, i) => change(`/d/f${String(i).padStart(4, '0')}`, 'file', 1))];
		const steps = buildCompareTreeSteps(firstLayer(many), 0, 'layer');
		let pauses = 0;
		for (let step = steps.next(); !step.done; step = steps.next()) pauses++;
		expect(pauses).toBeGreaterThan(2);
		expect(runSteps(buildCompareTreeSteps(firstLayer(many), 0, 'layer')).totalSize).toBe(5000);
	});
});
