import {describe, expect, test} from 'vitest';
import {analyze} from '../../src/core/analyze.js';
import type {Analysis} from '../../src/core/analysis-types.js';
import type {ImageModel, LayerEntry} from '../../src/core/model.js';
import {buildImageArchive, dir, file, opaque, whiteout, type ImageDescription} from '../helpers/image-builder.js';
import {analyzeBuffer} from '../helpers/load-fixture.js';

/*
Expected values are worked out by hand from dive's algorithm (shared/reference/dive-behavior.md):
- §4.3 AddPath: a parent a layer does not list is created with a zero FileInfo (IsDir=false); a listed path gets
  the entry's FileInfo wherever it appears in the tar.
- §5.1 Stack: every node of the upper layer's tree is AddPath'ed onto the lower tree, so an implicit parent
  overwrites the lower directory's FileInfo with the zero one.
- §6.1 Efficiency: per layer, only leaves of the layer's own tree count; a whiteout counts
  `prev.IsDir ? Σ sizes of prev and everything below it : 0` with prev looked up in the stack of the layers below;
  score = Σ over paths of the smallest size seen / Σ of all sizes.
*/

const bytes = (n: number, fill = 'x') => fill.repeat(n);
const analyzeImage = async (layers: ImageDescription['layers']) => analyzeBuffer(await buildImageArchive({layers}, 'docker-oci'));
const paths = (analysis: Analysis) => analysis.inefficiencies.map(item => [item.path, item.count, item.cumulativeBytes]);

describe('efficiency with layers that list paths without their parents (Bazel, ko, crane)', () => {
	test('a directory last touched implicitly counts 0 bytes when a later layer deletes it', async () => {
		const analysis = await analyzeImage([
			{createdBy: 'base', entries: [dir('a/'), file('a/f', bytes(1000)), file('x', bytes(300))]},
			{createdBy: 'no parent entries', entries: [file('a/b/c', bytes(40)), file('x', bytes(200))]},
			{createdBy: 'rm -rf /a', entries: [whiteout('a')]},
		]);
		// Layer 0 leaves: /a/f 1000, /x 300. Layer 1 leaves: /a/b/c 40, /x 200; stacking layer 1 gives /a (and /a/b)
		// the zero FileInfo. Layer 2 leaf .wh.a: prev /a has IsDir=false, so /a counts 0, not 1000 + 40.
		// Σmin = 1000 + min(300, 200) + 40 + 0 = 1240; Σcum = 1000 + 500 + 40 + 0 = 1540.
		expect(analysis.image.efficiencyScore).toBe(1240 / 1540);
		expect(paths(analysis)).toEqual([['/x', 2, 500]]);
		expect(analysis.image.wastedBytes).toBe(500);
		// The filesystem itself is not affected: layer 2 removes /a, /a/f, /a/b and /a/b/c.
		expect(analysis.layers[2]!.removed).toEqual({count: 4, bytes: 1040});
	});

	test('a layer that lists the directory again makes it a directory for dive again', async () => {
		const analysis = await analyzeImage([
			{createdBy: 'base', entries: [dir('a/'), file('a/f', bytes(1000))]},
			{createdBy: 'no parent entries', entries: [file('a/b/c', bytes(40))]},
			{createdBy: 'chmod 700 /a', entries: [dir('a/', {mode: 0o700})]},
			{createdBy: 'rm -rf /a', entries: [whiteout('a')]},
		]);
		// Layer 2's tree is just /a, a leaf: /a counts its header size 0 and gets the dir FileInfo again.
		// Layer 3: prev /a IsDir, so /a counts 0 (a) + 1000 (a/f) + 0 (a/b, zero FileInfo) + 40 (a/b/c) = 1040.
		// /a: count 2, cumulative 1040, min 0. Σmin = 1000 + 40 + 0 = 1040; Σcum = 1000 + 40 + 1040 = 2080.
		expect(analysis.image.efficiencyScore).toBe(1040 / 2080);
		expect(paths(analysis)).toEqual([['/a', 2, 1040]]);
	});

	test('implicit parents of the base layer and of a whiteout count the same way', async () => {
		const analysis = await analyzeImage([
			{createdBy: 'base without a/', entries: [file('a/f', bytes(1000)), dir('b/'), file('b/g', bytes(50)), file('b/k', bytes(70))]},
			{createdBy: 'rm /b/g, b/ not listed', entries: [whiteout('b/g')]},
			{createdBy: 'rm -rf /a /b', entries: [whiteout('a'), whiteout('b')]},
		]);
		// Layer 0 leaves: /a/f 1000, /b/g 50, /b/k 70 (/a has the zero FileInfo). Layer 1 leaf .wh.g: /b/g is a file,
		// 0 bytes; its parent /b is an implicit node of layer 1's tree, so stacking gives /b the zero FileInfo.
		// Layer 2: /a and /b both have IsDir=false: 0 bytes each (not 1000 and 70).
		// Σmin = 1000 + 0 + 70 + 0 + 0 = 1070; Σcum = 1000 + 50 + 70 + 0 + 0 = 1120.
		expect(analysis.image.efficiencyScore).toBe(1070 / 1120);
		expect(paths(analysis)).toEqual([['/b/g', 2, 50]]);
	});

	test('a file that a later layer uses as a parent counts 0 bytes when deleted', async () => {
		const analysis = await analyzeImage([
			{createdBy: 'base', entries: [dir('etc/'), file('etc/a', bytes(500))]},
			{createdBy: 'etc/a/child over the file', entries: [file('etc/a/child', bytes(30))]},
			{createdBy: 'rm -rf /etc/a', entries: [dir('etc/'), whiteout('etc/a')]},
		]);
		// Layer 1 stacks the zero FileInfo onto /etc/a (a file until then). Layer 2's leaf .wh.a counts 0 for /etc/a;
		// /etc has a child in layer 2 and is no leaf. /etc/a: 500 + 0, min 0; /etc/a/child 30.
		// Σmin = 0 + 30 = 30; Σcum = 500 + 30 = 530.
		expect(analysis.image.efficiencyScore).toBe(30 / 530);
		expect(paths(analysis)).toEqual([['/etc/a', 2, 500]]);
	});

	test('an opaque directory counts like whiteouts of each child it hides (our fix), implicit children included', async () => {
		const base = {createdBy: 'base', entries: [dir('o/'), file('o/d/e', bytes(80)), file('o/k', bytes(20))]};
		const viaOpaque = await analyzeImage([base, {createdBy: 'opaque', entries: [dir('o/'), opaque('o')]}]);
		const viaWhiteouts = await analyzeImage([base, {createdBy: 'whiteouts', entries: [dir('o/'), whiteout('o/d'), whiteout('o/k')]}]);
		// dive on the whiteout image: layer 0 leaves /o/d/e 80, /o/k 20; layer 1: /o/d has the zero FileInfo → 0,
		// /o/k is a file → 0. Σmin = 80 + 0 + 0 = 80; Σcum = 80 + 20 + 0 = 100.
		expect(viaWhiteouts.image.efficiencyScore).toBe(80 / 100);
		expect(viaOpaque.image.efficiencyScore).toBe(80 / 100);
		expect(paths(viaOpaque)).toEqual(paths(viaWhiteouts));
	});
});

describe('dive\'s IsDir also reads the type bits of the header mode', () => {
	const entry = (path: string, size: number, mode: number): LayerEntry => ({path, type: 'file', typeFlag: 48, size, mode, uid: 0, gid: 0, linkTarget: '', digest: ''});
	const layer = (index: number, entries: LayerEntry[]) => ({
		index,
		blob: `${index}/layer.tar`,
		id: `${index}`,
		diffId: '',
		command: '',
		createdBy: '',
		created: '',
		sizeBytes: entries.reduce((sum, item) => sum + item.size, 0),
		compression: 'none' as const,
		entries,
	});
	const model = (mode: number): ImageModel => ({
		name: 'modes',
		tags: [],
		format: 'docker-legacy',
		configDigest: '',
		platform: 'linux/amd64',
		layers: [layer(0, [entry('d', 70, mode)]), layer(1, [entry('.wh.d', 0, 0)])],
	});

	test('a regular-file typeflag with S_IFDIR mode bits counts its size when deleted', () => {
		// Go's FileInfo().Mode() ORs ModeDir in for `mode &^ 07777 == 040000` whatever the typeflag (§4.2).
		// /d: 70 + 70 (IsDir: Σ over prev and below = 70), min 70: 70 / 140.
		expect(analyze(model(0o040644)).image.efficiencyScore).toBe(70 / 140);
		// The usual regular-file bits: a deleted file counts 0. /d: 70 + 0, min 0: 0 / 70.
		expect(analyze(model(0o100644)).image.efficiencyScore).toBe(0);
	});
});
