import type {ActionId} from '../keys/key-table.js';
import type {TreeRows} from '../tree/tree-rows.js';
import {clamp, follow, moveTo, page} from './list-cursor.js';
import type {ReduceEnv} from './reduce-env.js';
import type {TreeState, UiState} from './ui-state.js';

/** The path under the tree cursor, if any (while a tree is pending, the path it will go back to). */
export function selectedPath(state: UiState, env: ReduceEnv): string | undefined {
	if (state.pendingTree) return state.pendingTree.path;
	return env.rows(state).rowAt(state.tree.cursor)?.node.path;
}

/**
A layer or mode change. When the new tree is built already the cursor keeps its path at once; otherwise the change
shows now and the tree follows when the app has built it (`tree-ready`), so moving through the layers of a big
image never waits for trees it only passes by.
*/
export function retarget(state: UiState, env: ReduceEnv, change: (state: UiState) => UiState): UiState {
	const next = change(state);
	if (env.treeReady(next.layers.cursor, next.mode) && !state.pendingTree) return keepPath(state, env, change);
	const pendingTree = state.pendingTree ?? {path: selectedPath(state, env), offset: state.tree.cursor - state.tree.top};
	return {...next, pendingTree};
}

/** Puts the cursor back on the pending path, now that the tree is there. */
export function settleTree(state: UiState, env: ReduceEnv): UiState {
	const pending = state.pendingTree;
	if (!pending) return state;
	const rows = env.rows(state);
	const height = env.viewport.tree;
	let cursor = clamp(state.tree.cursor, 0, Math.max(0, rows.count - 1));
	if (pending.path !== undefined) {
		const found = rows.locate(pending.path);
		if (found.index >= 0) cursor = found.index;
	}
	const offset = clamp(pending.offset, 0, height - 1);
	return {...state, pendingTree: undefined, tree: {...state.tree, cursor, top: follow(cursor - offset, cursor, rows.count, height)}};
}

/**
Applies a change that rebuilds the rows (layer, mode, filter, hidden kinds, sort, collapse) and keeps the cursor on
the same path, or on its nearest shown ancestor, at the same height on screen where possible.
*/
export function keepPath(state: UiState, env: ReduceEnv, change: (state: UiState) => UiState, path = selectedPath(state, env)): UiState {
	const next = change(state);
	const rows = env.rows(next);
	const height = env.viewport.tree;
	let cursor = clamp(state.tree.cursor, 0, Math.max(0, rows.count - 1));
	if (path !== undefined) {
		const found = rows.locate(path);
		if (found.index >= 0) cursor = found.index;
	}
	const offset = clamp(state.tree.cursor - state.tree.top, 0, height - 1);
	const top = follow(cursor - offset, cursor, rows.count, height);
	return {...next, tree: {...next.tree, cursor, top}};
}

function withTree(state: UiState, tree: Partial<TreeState>): UiState {
	return {...state, tree: {...state.tree, ...tree}};
}

function toggledPath(except: ReadonlySet<string>, path: string): Set<string> {
	const next = new Set(except);
	if (next.has(path)) next.delete(path);
	else next.add(path);
	return next;
}

/** Expands every collapsed ancestor of a path. */
export function reveal(state: UiState, rows: TreeRows, path: string): UiState {
	const except = new Set(state.tree.collapse.except);
	let changed = false;
	const names = path.split('/').filter(Boolean);
	let node = rows.root;
	for (const name of names.slice(0, -1)) {
		const child = node.children.find(candidate => candidate.name === name);
		if (!child) break;
		if (rows.isCollapsed(child)) {
			if (except.has(child.path)) except.delete(child.path);
			else except.add(child.path);
			changed = true;
		}
		node = child;
	}
	return changed ? withTree(state, {collapse: {all: state.tree.collapse.all, except}}) : state;
}

/** Moves the tree cursor to a row and scrolls it to the middle of the pane when it was out of view. */
export function centerOn(state: UiState, env: ReduceEnv, index: number): UiState {
	const rows = env.rows(state);
	const height = env.viewport.tree;
	const inView = index >= state.tree.top && index < state.tree.top + height;
	const top = inView ? state.tree.top : follow(index - Math.floor(height / 2), index, rows.count, height);
	return withTree(state, {cursor: index, top});
}

export function treeAction(state: UiState, env: ReduceEnv, id: ActionId): UiState {
	const rows = env.rows(state);
	const height = env.viewport.tree;
	const {tree} = state;
	const move = (target: number) => withTree(state, moveTo(tree, target, rows.count, height));
	switch (id) {
		case 'up':
			return move(tree.cursor - 1);
		case 'down':
			return move(tree.cursor + 1);
		case 'page-up':
			return withTree(state, page(tree, -1, rows.count, height));
		case 'page-down':
			return withTree(state, page(tree, 1, rows.count, height));
		case 'home':
			return move(0);
		case 'end':
			return move(rows.count - 1);
		case 'parent':
			return move(Math.max(0, rows.parentIndex(tree.cursor)));
		case 'expand': {
			const row = rows.rowAt(tree.cursor);
			if (!row?.hasChildren) return state;
			const opened = row.collapsed ? withTree(state, {collapse: {all: tree.collapse.all, except: toggledPath(tree.collapse.except, row.node.path)}}) : state;
			return withTree(opened, moveTo(opened.tree, tree.cursor + 1, env.rows(opened).count, height));
		}
		case 'toggle-collapse': {
			const row = rows.rowAt(tree.cursor);
			if (!row || row.node.type !== 'dir') return state;
			const next = withTree(state, {collapse: {all: tree.collapse.all, except: toggledPath(tree.collapse.except, row.node.path)}});
			return withTree(next, moveTo(next.tree, tree.cursor, env.rows(next).count, height));
		}
		case 'toggle-collapse-all':
			return keepPath(state, env, s => withTree(s, {collapse: {all: !tree.collapse.all, except: new Set()}}));
		case 'toggle-sort':
			return keepPath(state, env, s => withTree(s, {sort: tree.sort === 'name' ? 'size' : 'name'}));
		case 'toggle-added':
		case 'toggle-removed':
		case 'toggle-modified':
		case 'toggle-unmodified': {
			const kind = id.slice('toggle-'.length) as 'added' | 'removed' | 'modified' | 'unmodified';
			return keepPath(state, env, s => withTree(s, {hidden: {...tree.hidden, [kind]: !tree.hidden[kind]}}));
		}
		case 'only-changed': {
			const only = isOnlyChanged(tree);
			const hidden = {added: false, removed: false, modified: false, unmodified: !only};
			return keepPath(state, env, s => withTree(s, {hidden}));
		}
		case 'toggle-attributes': {
			const next = withTree(state, {attributes: !tree.attributes});
			if (!env.attributesFit) return {...next, message: {text: `The tree pane is too narrow for attributes (widen the terminal); attributes ${next.tree.attributes ? 'on' : 'off'}`, tone: 'info'}};
			return next;
		}
		case 'toggle-wrap':
			return withTree(state, {wrap: !tree.wrap});
		default:
			return state;
	}
}

export function isOnlyChanged(tree: TreeState): boolean {
	const {hidden} = tree;
	return hidden.unmodified && !hidden.added && !hidden.removed && !hidden.modified;
}
