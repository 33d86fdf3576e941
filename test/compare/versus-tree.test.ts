import {afterAll, beforeAll, expect, test} from 'vitest';
import {compareLoaded} from '../../src/cli/compare-inputs.js';
import type {TreeNode} from '../../src/core/compare-tree.js';
import {versusTree} from '../../src/core/compare/versus-tree.js';
import {buildKeyMap} from '../../src/ui/keys/key-map.js';
import {reduce} from '../../src/ui/state/reduce.js';
import type {ReduceEnv} from '../../src/ui/state/reduce-env.js';
import {initialState, type UiState} from '../../src/ui/state/ui-state.js';
import {TreeRows} from '../../src/ui/tree/tree-rows.js';
import {Visibility} from '../../src/ui/tree/visibility.js';
import {tree} from '../helpers/tree-builder.js';
import {bindingsFor} from '../../src/ui/keys/key-map.js';
import {writeTempImage} from '../helpers/image-builder.js';
import {loadPath} from '../helpers/load-fixture.js';
import {newImage, oldImage} from './pairs.js';

let temps: Array<Awaited<ReturnType<typeof writeTempImage>>> = [];
beforeAll(async () => {
	temps = [await writeTempImage(oldImage, 'docker-oci'), await writeTempImage(newImage, 'docker-oci')];
});
afterAll(async () => {
	for (const temp of temps) await temp.cleanup();
});

function marks(node: TreeNode, out: string[] = []): string[] {
	for (const child of node.children) {
		out.push(`${child.diff} ${child.path} ${child.totalSize}`);
		marks(child, out);
	}
	return out;
}

test('the explorer tree of NEW marked against OLD: added, modified, removed kept, directories with changes below modified', async () => {
	const before = await loadPath(temps[0]!.path);
	const after = await loadPath(temps[1]!.path);
	const {comparison, oldFiles, newFiles} = await compareLoaded({loaded: before, spec: 'old'}, {loaded: after, spec: 'new'}, 3);
	expect(marks(versusTree(oldFiles, newFiles, comparison.files))).toEqual([
		'modified /app 5029',
		'modified /app/data.txt 4',
		'modified /app/link 0',
		'modified /app/mode.sh 10',
		'added /app/newdir 5000',
		'added /app/newdir/big.bin 5000',
		'removed /app/olddir 3',
		'removed /app/olddir/a.txt 1',
		'removed /app/olddir/b.txt 2',
		'modified /app/owner.txt 5',
		'unmodified /app/same.txt 10',
		'unmodified /etc 30',
		'unmodified /etc/passwd 30',
	]);
});

test('the compare toggle is in the key table (help, status bar) and switches only when there is something to compare with', () => {
	const keymap = buildKeyMap();
	const binding = bindingsFor(keymap, ['global']).find(item => item.id === 'toggle-versus');
	expect(binding?.keys).toContain('D');
	const root = tree({a: {size: 1}});
	const env = {
		keymap,
		versusAvailable: true,
		viewport: {layers: 5, layerDetails: 4, wasted: 2, tree: 10, overlay: 10},
		rows: (state: UiState) => new TreeRows(new Visibility(root, state.tree.hidden, undefined), state.tree.sort, state.tree.collapse),
	} as unknown as ReduceEnv;
	const on = reduce(initialState(), {type: 'key', id: 'toggle-versus'}, env);
	expect(on.versus).toBe(true);
	expect(reduce(on, {type: 'key', id: 'toggle-versus'}, env).versus).toBe(false);
	const none = reduce(initialState(), {type: 'key', id: 'toggle-versus'}, {...env, versusAvailable: false});
	expect(none.versus).toBe(false);
	expect(none.message?.text).toBe('Nothing to compare with: open the explorer with --compare OLD');
});
