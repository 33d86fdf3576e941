import {readFileSync} from 'node:fs';
import {compilePathFilter} from '../../src/ui/tree/path-filter.js';
import {beforeAll, expect, test} from 'vitest';
import type {Analysis, CompareMode, DiffKind} from '../../src/core/analysis-types.js';
import {buildCompareTree} from '../../src/core/compare-tree.js';
import {diveRowText} from '../../src/ui/tree/tree-line.js';
import {TreeRows, type CollapseState} from '../../src/ui/tree/tree-rows.js';
import {noneHidden, Visibility} from '../../src/ui/tree/visibility.js';
import {describeWithFixtures, fixturePath} from '../helpers/fixtures.js';
import {analyzePath} from '../helpers/load-fixture.js';

/** dive's own render snapshots of test-docker-image.tar (its viewmodel tests), drawn by our tree view-model. */
type Case = {
	readonly layer: number;
	readonly mode: CompareMode;
	readonly attributes: boolean;
	readonly collapsed?: readonly string[];
	readonly collapseAll?: boolean;
	readonly hide?: readonly DiffKind[];
	readonly filter?: string;
	readonly height?: number;
};

const cases: Record<string, Case> = {
	TestFileTreeGoCase: {layer: 0, mode: 'layer', attributes: true},
	TestFileTreeNoAttributes: {layer: 0, mode: 'layer', attributes: false},
	TestFileTreeRestrictedHeight: {layer: 0, mode: 'layer', attributes: false, height: 21},
	TestFileTreeDirCollapse: {layer: 0, mode: 'layer', attributes: true, collapsed: ['/bin', '/etc']},
	TestFileTreeDirCollapseAll: {layer: 0, mode: 'layer', attributes: true, collapseAll: true},
	TestFileTreeDirCursorRight: {layer: 0, mode: 'layer', attributes: true, collapsed: ['/bin']},
	TestFileTreeSelectLayer: {layer: 1, mode: 'aggregated', attributes: true, collapsed: ['/bin']},
	TestFileShowAggregateChanges: {layer: 13, mode: 'aggregated', attributes: true, collapsed: ['/bin']},
	TestFileTreeFilterTree: {layer: 0, mode: 'layer', attributes: true, filter: 'network'},
	TestFileTreeHideAddedRemovedModified: {layer: 7, mode: 'aggregated', attributes: true, collapsed: ['/bin'], hide: ['added', 'modified', 'removed']},
	TestFileTreeHideUnmodified: {layer: 7, mode: 'aggregated', attributes: true, collapsed: ['/bin'], hide: ['unmodified']},
	TestFileTreeHideTypeWithFilter: {layer: 7, mode: 'aggregated', attributes: true, collapsed: ['/bin'], hide: ['added'], filter: 'saved'},
};

function render(analysis: Analysis, spec: Case): string {
	const root = buildCompareTree(analysis, spec.layer, spec.mode);
	const hidden = {...noneHidden};
	for (const kind of spec.hide ?? []) hidden[kind] = true;
	const visibility = new Visibility(root, hidden, spec.filter === undefined ? undefined : compilePathFilter(spec.filter).filter);
	const collapse: CollapseState = {all: spec.collapseAll ?? false, except: new Set(spec.collapsed ?? [])};
	const rows = new TreeRows(visibility, 'name', collapse);
	return rows
		.rows(0, spec.height ?? rows.count)
		.map(row => diveRowText(row, spec.attributes))
		.join('\n');
}

describeWithFixtures('tree drawing matches dive’s snapshots of test-docker-image.tar', () => {
	let analysis: Analysis;
	beforeAll(async () => {
		analysis = await analyzePath('dive/test-docker-image.tar');
	});

	for (const [name, spec] of Object.entries(cases)) {
		test(name, () => {
			// dive prints a hard link's target as stored in the tar (`bin/[`); the analysis carries it as an absolute
			// image path (`/bin/[`), which is what we show. Every other byte must match.
			const expected = readFileSync(fixturePath(`dive/expected/tree-render/${name}.txt`), 'utf8')
				.replace(/\n+$/, '')
				.replaceAll(' → bin/', ' → /bin/');
			expect(render(analysis, spec)).toBe(expected);
		});
	}
});
