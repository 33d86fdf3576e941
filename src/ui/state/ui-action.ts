import type {ActionId} from '../keys/key-table.js';
import type {FilePreview, Message} from './ui-state.js';

export type UiAction =
	/** A keypress: its canonical name (undefined for pasted text) and the text it types. */
	| {readonly type: 'press'; readonly name: string | undefined; readonly text: string}
	| {readonly type: 'key'; readonly id: ActionId}
	/** Text typed into the filter or a prompt. */
	| {readonly type: 'text'; readonly text: string}
	/** Backspace (`char`, the default), Ctrl+W (`word`), Ctrl+U (`all`) in the filter or a prompt. */
	| {readonly type: 'erase'; readonly unit?: 'char' | 'word' | 'all'}
	| {readonly type: 'accept'}
	| {readonly type: 'effects-taken'; readonly upTo: number}
	| {readonly type: 'file-read'; readonly path: string; readonly layer: number; readonly preview: FilePreview}
	| {readonly type: 'extract-done'; readonly message: Message}
	| {readonly type: 'extract-progress'; readonly done: number; readonly total: number}
	/** The extract target already has some of the files: ask before overwriting. */
	| {readonly type: 'extract-confirm'; readonly existing: number; readonly first: string}
	/** The answer to that question. */
	| {readonly type: 'extract-answer'; readonly answer: 'overwrite' | 'skip' | 'cancel'}
	| {readonly type: 'message'; readonly message: Message}
	/** The app built the tree `pendingTree` waited for. */
	| {readonly type: 'tree-ready'}
	/** The terminal was resized: re-clamp every scroll position. */
	| {readonly type: 'viewport'};
