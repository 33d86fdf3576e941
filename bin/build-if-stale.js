#!/usr/bin/env node
// `npm start`'s first step: compile only when a source is newer than the last build, and write the sample image
// only when it is missing or older than the code that writes it. A warm start skips both (tsc alone takes seconds).
import {spawnSync} from 'node:child_process';
import {existsSync, readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The build (`npm run build`, from `npm install`'s prepare step included) compiles with tsc, then bundles
// (bin/bundle.js) into a folder it empties first; so the bundle's entry is never older than the last whole build.
const stamp = path.join(root, 'build', 'bundle', 'main.js');
const sample = path.join(root, 'build', 'sample.tar');

/** The newest modification time of a file, or of any file below a directory (0 when absent). */
function newest(target) {
	if (!existsSync(target)) return 0;
	const info = statSync(target);
	if (!info.isDirectory()) return info.mtimeMs;
	return readdirSync(target).reduce((max, name) => Math.max(max, newest(path.join(target, name))), info.mtimeMs);
}

function run(command, args) {
	const result = spawnSync(command, args, {cwd: root, stdio: 'inherit'});
	if (result.status !== 0) process.exit(result.status ?? 1);
}

const sources = Math.max(...['src', 'tsconfig.json', 'package-lock.json', path.join('bin', 'bundle.js'), path.join('bin', 'ink-output-plugin.js')].map(name => newest(path.join(root, name))));
if (newest(stamp) <= sources) {
	run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
	run(process.execPath, [path.join(root, 'bin', 'bundle.js')]);
}
if (newest(sample) <= newest(path.join(root, 'build', 'sample'))) {
	run(process.execPath, [path.join(root, 'build', 'sample', 'write-sample.js'), sample]);
}
