import type {TreeNode} from '../../core/compare-tree.js';
import {existingTargets, extractTree} from '../../extract/extract-tree.js';
import {copyText} from '../clipboard/copy-text.js';
import {readFilePreview} from '../content/file-preview.js';
import {formatBytes} from '../format/bytes.js';
import type {UiAction} from '../state/ui-action.js';
import type {Effect} from '../state/ui-state.js';
import type {ExplorerModel} from './explorer-model.js';

export type EffectDeps = {
	readonly model: ExplorerModel;
	readonly dispatch: (action: UiAction) => void;
	readonly quit: () => void;
	/** Hands the terminal back to the shell (Ctrl+Z); resolves once resumed. */
	readonly suspend?: () => Promise<void>;
	readonly write: (data: string) => void;
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly resolveDir: (dir: string) => string;
};

/** The running extract of each explorer, for Esc to abort. */
const extracts = new WeakMap<ExplorerModel, AbortController>();

function findNode(root: TreeNode, path: string): TreeNode | undefined {
	let node: TreeNode | undefined = root;
	for (const name of path.split('/').filter(Boolean)) {
		node = node?.children.find(child => child.name === name);
		if (!node) return undefined;
	}
	return node;
}

/** Performs one effect the reducer asked for; results come back as actions. */
export async function runEffect(effect: Effect, deps: EffectDeps): Promise<void> {
	const {model, dispatch} = deps;
	switch (effect.kind) {
		case 'quit':
			deps.quit();
			return;
		case 'suspend':
			if (!deps.suspend) return;
			await deps.suspend();
			dispatch({type: 'message', message: {text: 'Resumed', tone: 'info'}});
			return;
		case 'cancel-extract':
			extracts.get(model)?.abort();
			return;
		case 'copy': {
			const result = await copyText(effect.text, deps.env, deps.write);
			dispatch({type: 'message', message: {text: result.text, tone: 'info'}});
			return;
		}
		case 'read-file': {
			const node = findNode(model.cache.tree(effect.layer, effect.mode), effect.path);
			const preview = node
				? await readFilePreview(model.content, node)
				: {kind: 'none' as const, message: `${effect.path} is not in this layer's tree.`};
			dispatch({type: 'file-read', path: effect.path, layer: effect.layer, preview});
			return;
		}
		case 'extract': {
			const node = findNode(model.cache.tree(effect.layer, effect.mode), effect.path);
			if (!node) {
				dispatch({type: 'extract-done', message: {text: `${effect.path} is not in this layer's tree`, tone: 'error'}});
				return;
			}
			const controller = new AbortController();
			extracts.set(model, controller);
			let shown = 0;
			const onProgress = (done: number, total: number) => {
				// A redraw per file would cost more than the writing: every 100 ms at most, and at the end.
				const now = Date.now();
				if (now - shown < 100 && done < total) return;
				shown = now;
				dispatch({type: 'extract-progress', done, total});
			};
			try {
				const target = deps.resolveDir(effect.target);
				if (effect.existing === 'ask') {
					const existing = await existingTargets(node, target);
					if (existing.count > 0) {
						dispatch({type: 'extract-confirm', existing: existing.count, first: existing.first ?? target});
						return;
					}
				}
				const result = await extractTree(node, model.content, target, {existing: effect.existing === 'skip' ? 'skip' : 'overwrite', signal: controller.signal, onProgress});
				const skipped = result.skipped.length > 0 ? `; ${result.skipped.length} skipped (${result.skipped[0]!.path}: ${result.skipped[0]!.reason})` : '';
				const kept = result.kept > 0 ? ` (${result.kept} already there, kept)` : '';
				// A removed file is written from its last copy: say which layer that came from.
				const what = node.diff === 'removed' ? `${effect.path} (removed; its last copy, from layer ${node.layer})` : `${effect.path} (layer ${effect.layer})`;
				const text = `Extracted ${what} to ${result.written}: ${result.files} files${kept}, ${result.dirs} dirs, ${result.links} links, ${formatBytes(result.bytes)}${skipped}`;
				dispatch({type: 'extract-done', message: {text, tone: result.skipped.length > 0 ? 'error' : 'info'}});
			} catch (error) {
				const cancelled = controller.signal.aborted;
				const why = error instanceof Error ? error.message : String(error);
				dispatch({type: 'extract-done', message: {text: cancelled ? `Extract of ${effect.path} ${why}` : `Extract failed: ${why}`, tone: 'error'}});
			} finally {
				if (extracts.get(model) === controller) extracts.delete(model);
			}
			return;
		}
	}
}
