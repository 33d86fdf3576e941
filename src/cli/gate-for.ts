import {readFile} from 'node:fs/promises';
import {homedir} from 'node:os';
import path from 'node:path';
import type {GateFile} from '../ci/gate-file.js';
import type {GateRule} from '../ci/gate-types.js';
import {resolveGate} from '../ci/resolve-gate.js';
import {configFiles} from '../ui/config/load-config.js';
import {ConfigError} from '../ui/config/read-config.js';
import type {CliOptions} from './args.js';
import {CiFileError, readCiFile} from './read-ci-file.js';
import {UsageError} from './rules-for.js';

/** `./.layerlens.yaml`, the explorer's project file, whose `ci:` section holds the gate's rules. */
async function layerlensFile(cwd: string): Promise<GateFile | undefined> {
	const file = configFiles({cwd, home: homedir(), env: {}}).own.at(-1)!;
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
		throw new ConfigError(path.relative(cwd, file), `cannot read it (${(error as Error).message})`);
	}
	return (await import('../ci/gate-file.js')).parseLayerlensFile(text, path.relative(cwd, file));
}

/**
The gate's rules from flags, the rules files and the defaults. `--ci-config PATH` names one file in either format;
without it, `./.dive-ci` (if present) and then `./.layerlens.yaml`'s `ci:` section (if present) are read, the latter
winning. Warnings (unknown keys) go to `warn`; a misconfiguration fails before the image is loaded.
*/
export async function gateFor(options: CliOptions, warn: (line: string) => void, cwd: string = process.cwd()): Promise<readonly GateRule[]> {
	const files: GateFile[] = [];
	try {
		const ciFile = await readCiFile(options.ciConfig, cwd);
		// The rules files' reader (the YAML parser) loads only when there is a file to read: a gate on flags alone skips it.
		if (ciFile) files.push((await import('../ci/gate-file.js')).parseGateFile(ciFile.text, ciFile.path));
	} catch (error) {
		if (error instanceof CiFileError) throw new UsageError(error.path, error.message);
		throw error;
	}
	if (options.ciConfig === undefined) {
		const own = await layerlensFile(cwd);
		if (own) files.push(own);
	}
	const resolved = resolveGate({flags: {...options.rules, ...options.gateFlags}, files});
	for (const line of resolved.warnings) warn(line);
	const [first] = resolved.errors;
	if (first) throw new UsageError(first.input, first.message);
	return resolved.rules;
}
