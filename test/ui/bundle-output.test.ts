import {cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect, test} from 'vitest';
// @ts-expect-error: a plain JavaScript module of the build scripts, without type declarations.
import {inkOutputSubstitution} from '../../bin/ink-output-plugin.js';
import {repoRoot} from '../helpers/fixtures.js';
import {tempDir} from '../helpers/temp-dir.js';

/**
The explorer users run is the bundle (bin/layerlens.js -> build/bundle/), in which Ink's renderer builds its frames with
our Output instead of Ink's (bin/ink-output-plugin.js). Frames are the same either way (row-cached-output.test.ts), so
nothing on screen would tell if the substitution stopped: these tests look at what was bundled, and at the checks that
make the build fail when Ink changes under it.
*/

type Substitution = {ownOutput: string; plugin: () => unknown};
const substitute = inkOutputSubstitution as (root: string) => Substitution;

function bundledText(directory: string): string[] {
	return readdirSync(directory)
		.filter(name => name.endsWith('.js'))
		.map(name => readFileSync(path.join(directory, name), 'utf8'));
}

for (const directory of ['build/bundle', 'build/bench/bundle']) {
	test(`${directory}: Ink's renderer makes each frame with our Output, and Ink's Output is not bundled`, () => {
		const files = bundledText(path.join(repoRoot, directory));
		// Ink's renderer (renderer.js) makes the frame's Output from the root node's computed size.
		const renderers = files.filter(text => text.includes('({width:node.yogaNode.getComputedWidth(),height:node.yogaNode.getComputedHeight()})'));
		expect(renderers).toHaveLength(1);
		expect(renderers[0]).toContain('let output=new RowCachedOutput({width:node.yogaNode.getComputedWidth()');
		for (const text of files) {
			// Ink's class keeps its per-frame caches in a class of that name.
			expect(text).not.toContain('OutputCaches');
			expect(text).not.toMatch(/new Output\d*\(/);
		}
	});
}

test('the substitution is checked against the installed Ink: package.json pins its exact version', () => {
	const pinned = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {dependencies: Record<string, string>}).dependencies['ink'];
	const installed = (JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/ink/package.json'), 'utf8')) as {version: string}).version;
	expect(pinned).toBe(installed);
	expect(substitute(repoRoot).ownOutput).toBe(path.join(repoRoot, 'build/ui/render/row-cached-output.js'));
});

/** A copy of the project's package.json and Ink's renderer, with Ink at `version` and the renderer's text changed. */
function fakeRoot(version: string, renderer: (text: string) => string): string {
	const root = tempDir('layerlens-ink-');
	mkdirSync(path.join(root, 'node_modules/ink/build'), {recursive: true});
	cpSync(path.join(repoRoot, 'package.json'), path.join(root, 'package.json'));
	writeFileSync(path.join(root, 'node_modules/ink/package.json'), JSON.stringify({name: 'ink', version}));
	const text = readFileSync(path.join(repoRoot, 'node_modules/ink/build/renderer.js'), 'utf8');
	writeFileSync(path.join(root, 'node_modules/ink/build/renderer.js'), renderer(text));
	return root;
}

test('the build fails when another Ink is installed, or when its renderer no longer imports ./output.js', () => {
	const installed = (JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/ink/package.json'), 'utf8')) as {version: string}).version;
	expect(() => substitute(fakeRoot(installed, text => text))).not.toThrow();
	expect(() => substitute(fakeRoot('6.9.0', text => text))).toThrow(/Ink 6\.9\.0 is installed but package\.json pins/);
	expect(() => substitute(fakeRoot(installed, text => text.replace("from './output.js'", "from './output/index.js'")))).toThrow(
		/no longer imports '\.\/output\.js'/,
	);
});
