import {parseArgs} from 'node:util';

export type CliOptions = {
	readonly image: string;
	readonly json: string | undefined;
	readonly ci: boolean;
	/** `--ci` given explicitly (with --json, only an explicit --ci also evaluates the rules; CI=true alone does not). */
	readonly ciFlag: boolean;
	readonly ciConfig: string | undefined;
	readonly rules: {
		readonly lowestEfficiency?: string;
		readonly highestWastedBytes?: string;
		readonly highestUserWastedPercent?: string;
	};
	readonly select: {readonly image?: string; readonly platform?: string};
	readonly quiet: boolean;
	/** Registry access: plain HTTP to any host (`--insecure`); `docker://`/`podman://` pull a missing image first (`--pull`). */
	readonly insecure?: boolean;
	readonly pull?: boolean;
	readonly source?: string;
};

export type ParsedArgs =
	| {readonly kind: 'run'; readonly options: CliOptions}
	| {readonly kind: 'help'}
	| {readonly kind: 'version'}
	| {readonly kind: 'error'; readonly message: string};

/** Reads argv; `env` supplies dive's `CI=true` switch. Pure: no I/O. */
export function parseCliArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ParsedArgs {
	let parsed;
	try {
		parsed = parseArgs({
			args: [...argv],
			allowPositionals: true,
			strict: true,
			options: {
				json: {type: 'string', short: 'j'},
				ci: {type: 'boolean'},
				'ci-config': {type: 'string'},
				lowestEfficiency: {type: 'string'},
				highestWastedBytes: {type: 'string'},
				highestUserWastedPercent: {type: 'string'},
				image: {type: 'string'},
				platform: {type: 'string'},
				source: {type: 'string'},
				quiet: {type: 'boolean', short: 'q'},
				help: {type: 'boolean', short: 'h'},
				version: {type: 'boolean', short: 'v'},
				insecure: {type: 'boolean'},
				pull: {type: 'boolean'},
			},
		});
	} catch (error) {
		return {kind: 'error', message: (error as Error).message.split('\n')[0]!};
	}
	const {values, positionals} = parsed;
	if (values.help) return {kind: 'help'};
	if (values.version) return {kind: 'version'};
	if (positionals.length !== 1) {
		return {kind: 'error', message: positionals.length === 0 ? 'missing <image> argument' : 'exactly one <image> argument is required'};
	}
	for (const name of ['image', 'platform', 'json', 'ci-config'] as const) {
		if (values[name] === '') return {kind: 'error', message: `--${name} needs a value`};
	}
	const image = withSource(positionals[0]!, values.source);
	if (image === undefined) return {kind: 'error', message: `unknown --source ${values.source} (docker, podman, registry or docker-archive)`};
	const ciEnv = env['CI'] === 'true' || env['CI'] === '1' || env['CI'] === 'yes';
	return {
		kind: 'run',
		options: {
			image,
			json: values.json,
			ci: values.ci === true || ciEnv,
			ciFlag: values.ci === true,
			ciConfig: values['ci-config'],
			rules: {
				...(values.lowestEfficiency === undefined ? {} : {lowestEfficiency: values.lowestEfficiency}),
				...(values.highestWastedBytes === undefined ? {} : {highestWastedBytes: values.highestWastedBytes}),
				...(values.highestUserWastedPercent === undefined
					? {}
					: {highestUserWastedPercent: values.highestUserWastedPercent}),
			},
			select: {
				...(values.image === undefined ? {} : {image: values.image}),
				...(values.platform === undefined ? {} : {platform: values.platform}),
			},
			quiet: values.quiet === true,
			insecure: values.insecure === true,
			pull: values.pull === true,
			...(values.source === undefined ? {} : {source: values.source}),
		},
	};
}

/** dive's `--source` and `docker-archive://` spellings mapped onto our image argument. */
function withSource(image: string, source: string | undefined): string | undefined {
	const scheme = /^(docker-archive|docker-tar):\/\/(.*)$/.exec(image);
	if (scheme) return scheme[2]!;
	if (source === undefined || source === 'docker-archive' || /^[a-z]+:\/\//.test(image)) return image;
	if (source === 'docker' || source === 'podman' || source === 'registry') return `${source}://${image}`;
	return undefined;
}
