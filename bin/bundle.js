#!/usr/bin/env node
// `npm run build`'s second step, after tsc: bundles the compiled program (build/cli, build/loader, ...) and the
// libraries it imports (Ink, React, yoga, yaml, ...) into a few files under build/bundle/, which bin/layerlens.js runs.
// Node then reads and compiles a handful of files instead of hundreds of small modules: the start-up of every command,
// and of the explorer most of all. Code splitting keeps what only some commands need (the explorer, the HTML report,
// the registry client, --save) in chunks loaded when asked for, so `--json` does not pay for Ink.
import {build} from 'esbuild';
import {readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {inkOutputSubstitution} from './ink-output-plugin.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'build', 'bundle');

/**
Every `import stringWidth from 'string-width'` in the bundle (Ink's, its helpers', ours) gets a function that answers
text of one-column characters itself (build/ui/view/narrow-width.js) and asks the string-width that import would have
loaded otherwise: the explorer's first frame then does not compile string-width's emoji expressions for its borders.
*/
const narrowStringWidth = {
	name: 'narrow-string-width',
	setup(build) {
		const narrowWidth = path.join(root, 'build', 'ui', 'view', 'narrow-width.js');
		build.onResolve({filter: /^string-width$/}, async args => {
			if (args.pluginData?.real) return undefined;
			const real = await build.resolve(args.path, {kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: {real: true}});
			if (real.errors.length > 0) return {errors: real.errors};
			return {path: real.path, namespace: 'narrow-string-width'};
		});
		build.onLoad({filter: /.*/, namespace: 'narrow-string-width'}, args => ({
			resolveDir: root,
			contents: [
				`import stringWidth from ${JSON.stringify(args.path)};`,
				`import {narrowWidth} from ${JSON.stringify(narrowWidth)};`,
				'export default function narrowOrStringWidth(text, options) {',
				"\treturn (options === undefined && typeof text === 'string' ? narrowWidth(text) : undefined) ?? stringWidth(text, options);",
				'}',
			].join('\n'),
		}));
	},
};

const outputSubstitution = inkOutputSubstitution(root);

/** Bundles the given entry points into `into` as the product's bundle is built, and checks the substitution happened. */
async function bundle(entryPoints, into) {
	const outputPlugin = outputSubstitution.plugin();
	rmSync(into, {recursive: true, force: true});
	await build({
		...options,
		entryPoints,
		outdir: into,
		plugins: [narrowStringWidth, outputPlugin.plugin],
	});
	if (outputPlugin.count() === 0) throw new Error(`bundle: ${into}: Ink's renderer was bundled without importing './output.js'; our Output is not in use`);
	dropUnusedRequire(into);
}

const requireBanner = "import {createRequire as __layerlensCreateRequire} from 'node:module'; const require = __layerlensCreateRequire(import.meta.url);";

/**
esbuild writes the banner (a `require` for the CommonJS libraries) at the top of every file, and each file that a run
loads then makes a require function of its own at start-up. Only files that name `require` after the banner use it
(esbuild's `__require` helper, in one shared chunk): the banner is taken out of the others. A file that merely
mentions the word (in a string) keeps it, which costs a little and breaks nothing.
*/
function dropUnusedRequire(directory) {
	for (const name of readdirSync(directory).filter(file => file.endsWith('.js'))) {
		const file = path.join(directory, name);
		const text = readFileSync(file, 'utf8');
		if (!text.startsWith(requireBanner)) throw new Error(`bundle: ${file} does not start with the require banner`);
		if (!/\brequire\b/.test(text.slice(requireBanner.length))) writeFileSync(file, text.slice(requireBanner.length).replace(/^\n/, ''));
	}
}

const options = {
	// The decode pool starts its workers from `./decode-worker.js` next to the module that creates the pool, so the
	// worker is an entry point of its own in the same folder. Every chunk sits in that one folder too: the program
	// finds package.json at `../../package.json` from its modules, as from build/cli/ before.
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	chunkNames: '[name]-[hash]',
	// The native zstd decoder is optional and found at run time; Ink loads React's devtools only with DEV=true.
	external: ['zstd-napi', 'react-devtools-core'],
	// CommonJS libraries inside an ES module bundle still call require() for Node's own modules.
	// React's production build, as the explorer asks for at run time (src/ui/terminal-env.ts) unless NODE_ENV is set:
	// fixed here, so the development builds (half of React's code) are left out of what every explorer start compiles.
	define: {'process.env.NODE_ENV': '"production"'},
	// Less text to read and parse; names are kept, so a stack trace (LAYERLENS_DEBUG=1) still names its functions.
	minifyWhitespace: true,
	minifySyntax: true,
	banner: {js: requireBanner},
	logLevel: 'warning',
};

await bundle({
	'main': path.join(root, 'build', 'cli', 'main.js'),
	'decode-worker': path.join(root, 'build', 'loader', 'decode-worker.js'),
}, outdir);
// The in-process UI bench (npm run bench, keypress to frame) runs this bundle, so it measures the Ink and frame builder
// users run. Under build/bench/, which the npm package leaves out.
await bundle({
	'ui-latency': path.join(root, 'build', 'bench', 'ui-latency.js'),
	'decode-worker': path.join(root, 'build', 'loader', 'decode-worker.js'),
}, path.join(root, 'build', 'bench', 'bundle'));
