import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {defaultExplorerConfig, type ExplorerConfig} from './explorer-config.js';
import {applyDiveConfig, applyOwnConfig, ConfigError} from './read-config.js';

export type ConfigLocations = {
	readonly cwd: string;
	readonly home: string;
	readonly env: Readonly<Record<string, string | undefined>>;
};

/** The files read, lowest precedence first: dive's, then ours (user-wide, then the current directory's). */
export function configFiles({cwd, home, env}: ConfigLocations): {dive: string[]; own: string[]} {
	const xdg = env['XDG_CONFIG_HOME'] || path.join(home, '.config');
	return {
		dive: [path.join(home, '.dive.yaml'), path.join(xdg, 'dive', 'config.yaml'), path.join(cwd, '.dive.yaml')],
		own: [path.join(xdg, 'layerlens', 'config.yaml'), path.join(cwd, '.layerlens.yaml')],
	};
}

async function readYaml(file: string): Promise<{found: boolean; document?: unknown}> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') return {found: false};
		throw new ConfigError(file, `cannot read it (${(error as Error).message})`);
	}
	// The YAML parser loads only when a config file exists (most starts have none).
	const {parse} = await import('yaml');
	try {
		return {found: true, document: parse(text)};
	} catch (error) {
		throw new ConfigError(file, `invalid YAML: ${(error as Error).message.split('\n')[0]!.replace(/:$/, '')}`);
	}
}

/** Reads every config file that exists; a broken one throws `ConfigError`. */
export async function loadExplorerConfig(locations: ConfigLocations): Promise<ExplorerConfig> {
	const config = {...defaultExplorerConfig, keys: {}} as {-readonly [K in keyof ExplorerConfig]: ExplorerConfig[K]};
	const warnings: string[] = [];
	const sources: string[] = [];
	const files = configFiles(locations);
	for (const file of files.dive) {
		const {found, document} = await readYaml(file);
		if (!found) continue;
		sources.push(file);
		applyDiveConfig(file, document, config, warnings);
	}
	for (const file of files.own) {
		const {found, document} = await readYaml(file);
		if (!found) continue;
		sources.push(file);
		applyOwnConfig(file, document, config, warnings);
	}
	return {...config, sources, warnings};
}
