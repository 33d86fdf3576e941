// Ink's `Output` (ink/build/output.js, which lays out each frame) is replaced in the bundle by layerlens's own, which
// gives the same frames with less work per key (src/ui/render/row-cached-output.ts): the import of './output.js' by
// Ink's renderer resolves to it. Checked so that an Ink upgrade that moves things fails the build instead of silently
// bundling Ink's class: the installed Ink must be the version package.json pins, its renderer must still import
// './output.js', and each bundle must have made the substitution (bin/bundle.js checks `count()` after building).
import {readFileSync} from 'node:fs';
import path from 'node:path';

/** Checks `root`'s Ink, then hands out esbuild plugins that make the substitution. Throws when a check fails. */
export function inkOutputSubstitution(root) {
	const inkDirectory = path.join(root, 'node_modules', 'ink');
	const inkRenderer = path.join(inkDirectory, 'build', 'renderer.js');
	const ownOutput = path.join(root, 'build', 'ui', 'render', 'row-cached-output.js');
	const pinnedInk = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).dependencies?.ink;
	const installedInk = JSON.parse(readFileSync(path.join(inkDirectory, 'package.json'), 'utf8')).version;
	if (installedInk !== pinnedInk) {
		throw new Error(`bundle: Ink ${installedInk} is installed but package.json pins ${pinnedInk}; our Output replaces Ink's only at the version it was checked against (test/ui/row-cached-output.test.ts)`);
	}
	if (!/^import Output from '\.\/output\.js';$/m.test(readFileSync(inkRenderer, 'utf8'))) {
		throw new Error(`bundle: ${inkRenderer} no longer imports './output.js'; our Output would not replace Ink's`);
	}
	return {
		ownOutput,
		/** A plugin for one build; `count()` says how many imports it redirected. */
		plugin() {
			let substitutions = 0;
			return {
				count: () => substitutions,
				plugin: {
					name: 'layerlens-output',
					setup(builder) {
						builder.onResolve({filter: /^\.\/output\.js$/}, args => {
							if (path.resolve(args.importer) !== inkRenderer) return undefined;
							substitutions++;
							return {path: ownOutput};
						});
					},
				},
			};
		},
	};
}
