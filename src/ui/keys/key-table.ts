/**
Every key of the explorer, as data. The input router resolves keys with it, and the status bar and the help overlay
are drawn from it, so what the screen says is what the keys do.
*/

export type Scope = 'global' | 'left' | 'layers' | 'layer-details' | 'image-details' | 'tree' | 'overlay' | 'hints';

export type ActionId =
	| 'quit'
	| 'help'
	| 'toggle-view'
	| 'filter'
	| 'close-filter'
	| 'toggle-compare'
	| 'toggle-versus'
	| 'pane-next'
	| 'pane-prev'
	| 'up'
	| 'down'
	| 'page-up'
	| 'page-down'
	| 'home'
	| 'end'
	| 'compare-layer'
	| 'compare-all'
	| 'worst-layer'
	| 'sort-layers'
	| 'toggle-wrap'
	| 'jump-to-file'
	| 'parent'
	| 'expand'
	| 'toggle-collapse'
	| 'toggle-collapse-all'
	| 'toggle-sort'
	| 'toggle-added'
	| 'toggle-removed'
	| 'toggle-modified'
	| 'toggle-unmodified'
	| 'only-changed'
	| 'toggle-attributes'
	| 'history'
	| 'view-file'
	| 'extract'
	| 'copy-path'
	| 'hints'
	| 'suspend'
	| 'close';

export type KeyDef = {
	readonly id: ActionId;
	readonly scope: Scope;
	/** Short label for the status bar. */
	readonly title: string;
	/** Longer text for the help overlay. */
	readonly help: string;
	/** dive's defaults, as dive's config writes them (`ctrl+slash`, `pgdn`); its `keybinding:` key is `diveName`. */
	readonly dive: readonly string[];
	/** Our plain keys. */
	readonly plain: readonly string[];
	/** dive's config key, where one maps cleanly. */
	readonly diveName?: string;
	/** Status bar priority: lower shows first when space runs out; absent = help overlay only. */
	readonly status?: number;
};

const def = (
	id: ActionId,
	scope: Scope,
	title: string,
	help: string,
	dive: readonly string[],
	plain: readonly string[],
	extra: {diveName?: string; status?: number} = {},
): KeyDef => ({id, scope, title, help, dive, plain, ...extra});

export const defaultKeyTable: readonly KeyDef[] = [
	def('quit', 'global', 'Quit', 'Quit, restoring the terminal', ['ctrl+c'], ['q'], {diveName: 'quit', status: 0}),
	def('toggle-view', 'global', 'Switch', 'Focus the layers ↔ the file tree', ['tab'], [], {diveName: 'toggle-view', status: 1}),
	def('filter', 'global', 'Filter', 'Filter the tree by a path regex', ['ctrl+f', 'ctrl+slash'], ['/'], {diveName: 'filter-files', status: 2}),
	def('close-filter', 'global', 'Clear filter', 'Close the filter and clear it', ['esc'], [], {diveName: 'close-filter-files'}),
	def('help', 'global', 'Help', 'Show every key', [], ['?'], {status: 0}),
	def('toggle-compare', 'global', 'Aggregated', 'Switch layer ↔ aggregated changes', [], ['m'], {}),
	def('toggle-versus', 'global', 'Compare', 'Switch the file tree between the layers and the image compared with (--compare OLD)', [], ['D'], {status: 14}),
	def('pane-next', 'left', 'Next pane', 'Next pane of the left column', ['right', 'l'], [], {diveName: 'right'}),
	def('pane-prev', 'left', 'Prev pane', 'Previous pane of the left column', ['left', 'h'], [], {diveName: 'left'}),
	def('up', 'global', 'Up', 'Move up', ['up', 'k'], [], {diveName: 'up'}),
	def('down', 'global', 'Down', 'Move down', ['down', 'j'], [], {diveName: 'down'}),
	def('page-up', 'global', 'Page up', 'Move one page up', ['pgup', 'u'], [], {diveName: 'page-up'}),
	def('page-down', 'global', 'Page down', 'Move one page down', ['pgdn', 'd'], [], {diveName: 'page-down'}),
	def('home', 'global', 'Top', 'Go to the first row', [], ['home', 'g'], {}),
	def('end', 'global', 'Bottom', 'Go to the last row', [], ['end', 'G'], {}),
	def('compare-layer', 'layers', 'Layer changes', 'Show the changes of the selected layer', ['ctrl+l'], [], {diveName: 'compare-layer', status: 3}),
	def('compare-all', 'layers', 'Aggregated changes', 'Show the changes of layers 1..selected against the base', ['ctrl+a'], [], {diveName: 'compare-all', status: 4}),
	def('worst-layer', 'left', 'Worst layer', 'Select the layer that stores the most reclaimable bytes', [], ['r'], {status: 4}),
	def('worst-layer', 'global', 'Worst layer', 'Select the layer that stores the most reclaimable bytes', [], ['r'], {}),
	def('sort-layers', 'layers', 'Sort', 'List the layers in order ↔ the most reclaimable first', [], ['s'], {status: 2}),
	def('jump-to-file', 'image-details', 'Show in tree', 'Jump the file tree to the selected wasted file', [], ['enter'], {status: 3}),
	def('jump-to-file', 'layer-details', 'Show in tree', 'Jump the file tree to the selected hidden file (one a later layer hides)', [], ['enter'], {status: 3}),
	def('parent', 'tree', 'Parent', 'Jump to the parent directory', ['left', 'h'], [], {diveName: 'left'}),
	def('expand', 'tree', 'Open', 'Expand the directory and enter it', ['right', 'l'], [], {diveName: 'right'}),
	def('toggle-collapse', 'tree', 'Collapse', 'Collapse or expand the directory', ['space'], [], {diveName: 'toggle-collapse-dir', status: 5}),
	def('toggle-collapse-all', 'tree', 'Collapse all', 'Collapse or expand every directory', ['ctrl+space'], ['z'], {diveName: 'toggle-collapse-all-dir', status: 12}),
	def('toggle-sort', 'tree', 'Sort', 'Sort by name ↔ by size (per directory)', ['ctrl+o'], ['s'], {diveName: 'toggle-sort-order', status: 3}),
	def('toggle-added', 'tree', 'Added', 'Show/hide added files', ['ctrl+a'], [], {diveName: 'toggle-added-files', status: 8}),
	def('toggle-removed', 'tree', 'Removed', 'Show/hide removed files', ['ctrl+r'], [], {diveName: 'toggle-removed-files', status: 8}),
	def('toggle-modified', 'tree', 'Modified', 'Show/hide modified files (Ctrl+M is Enter)', ['ctrl+m'], [], {diveName: 'toggle-modified-files', status: 8}),
	def('toggle-unmodified', 'tree', 'Unmodified', 'Show/hide unmodified files', ['ctrl+u'], [], {diveName: 'toggle-unmodified-files', status: 8}),
	def('only-changed', 'tree', 'Only changed', 'Show only added, modified and removed files', [], ['c'], {status: 7}),
	def('toggle-attributes', 'tree', 'Attributes', 'Show/hide permissions, owner and size', ['ctrl+b'], ['b'], {diveName: 'toggle-filetree-attributes', status: 13}),
	def('toggle-wrap', 'tree', 'Wrap', 'Show long names whole, on several rows ↔ cut with …', ['ctrl+p'], ['W'], {diveName: 'toggle-wrap-tree', status: 14}),
	def('view-file', 'tree', 'View', 'Show the file as of the selected layer', [], ['v'], {status: 9}),
	def('history', 'tree', 'History', 'Every layer that touched the path', [], ['i'], {status: 9}),
	def('extract', 'tree', 'Extract', 'Write the file or directory into a directory', ['ctrl+e'], ['x'], {diveName: 'extract-file', status: 10}),
	def('copy-path', 'tree', 'Copy path', 'Copy the path (tmux buffer inside tmux, else the clipboard via OSC 52)', [], ['y'], {status: 11}),
	// The file lists of the left column (a layer's hidden files, the image's wasted files) act on their selected file.
	...(['layer-details', 'image-details'] as const).flatMap(scope => [
		def('view-file', scope, 'View', 'Show the selected file in the tree and its content', [], ['v'], {status: 9}),
		def('history', scope, 'History', 'Every layer that touched the selected file', [], ['i'], {status: 9}),
		def('copy-path', scope, 'Copy path', 'Copy the selected file’s path to the clipboard', [], ['y'], {status: 11}),
	]),
	// In Layers they say where to pick a file (listed in the help only).
	def('view-file', 'layers', 'View', 'Say where to pick a file to view', [], ['v']),
	def('history', 'layers', 'History', 'Say where to pick a file for its history', [], ['i']),
	def('copy-path', 'layers', 'Copy path', 'Say where to pick a file to copy its path', [], ['y']),
	def('hints', 'global', 'Hints', 'Why bytes are wasted (and secrets shipped): every hint, largest first', [], ['w'], {status: 2}),
	def('jump-to-file', 'hints', 'Show in tree', 'Jump the file tree to the selected hint\'s first path, at its layer', [], ['enter'], {status: 1}),
	def('suspend', 'global', 'Suspend', 'Suspend to the shell (fg resumes)', ['ctrl+z'], [], {}),
	def('close', 'overlay', 'Close', 'Close this view', [], ['esc', 'q', 'enter'], {status: 0}),
];
