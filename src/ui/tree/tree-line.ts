import type {DiffKind} from '../../core/analysis-types.js';
import {formatBytes} from '../format/bytes.js';
import {formatMode} from '../format/mode.js';
import type {TreeRow} from './tree-rows.js';

/** The text marker of each diff kind, so the tree reads without colour. */
export const diffMarkers: Readonly<Record<DiffKind, string>> = {
	added: '+',
	modified: '~',
	removed: '-',
	unmodified: '·',
};

/** How much of the attributes column fits: all of it, the size only, or nothing. */
export type AttributeWidth = 'full' | 'size' | 'none';

/** dive's metadata column: `drwxr-xr-x         0:0     1.2 MB `. */
export function attributesText(row: TreeRow, width: AttributeWidth): string {
	if (width === 'none') return '';
	const size = formatBytes(row.size).padStart(10);
	if (width === 'size') return `${size} `;
	const owner = `${row.node.uid}:${row.node.gid}`.padStart(11);
	return `${formatMode(row.node.type, row.node.mode)} ${owner} ${size} `;
}

/** The header over the attributes column, aligned with `attributesText`. */
export function attributesHeader(width: AttributeWidth): string {
	if (width === 'none') return '';
	if (width === 'size') return `${'Size'.padStart(10)} `;
	return `Permission ${'UID:GID'.padStart(11)} ${'Size'.padStart(10)} `;
}

/** dive's guides before a row's name: one column of 4 per ancestor level, then the branch and collapse marker. */
export function treePrefix(row: TreeRow): string {
	let prefix = '';
	for (let level = 0; level < row.depth; level++) prefix += row.lastAt[level] ? '    ' : '│   ';
	prefix += row.lastAt[row.depth] ? '└─' : '├─';
	return prefix + (row.collapsed && row.hasChildren ? '⊕ ' : '─ ');
}

/**
dive's tree part of a row: guides, branch, collapse marker, name and link target. Guides wider than `maxPrefix`
columns lose their outer levels (shown as `…`), so a deep name keeps its room.
*/
export function treeText(row: TreeRow, maxPrefix = Number.POSITIVE_INFINITY): string {
	let prefix = treePrefix(row);
	if (prefix.length > maxPrefix) {
		// Whole levels of 4 columns are dropped from the left; the branch (last 4 columns) always stays.
		const keep = Math.max(4, maxPrefix - 1 - ((maxPrefix - 1) % 4));
		prefix = `…${prefix.slice(prefix.length - keep)}`;
	}
	const {node} = row;
	const link = (node.type === 'symlink' || node.type === 'hardlink') && node.linkTarget ? ` → ${node.linkTarget}` : '';
	return prefix + node.name + link;
}

/** A row exactly as dive renders it (no colour, no diff marker): used to check our drawing against dive's snapshots. */
export function diveRowText(row: TreeRow, showAttributes: boolean): string {
	return (showAttributes ? `${attributesText(row, 'full')} ` : '') + treeText(row);
}
