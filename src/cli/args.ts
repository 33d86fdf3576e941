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
			},
		});
	} catch (error) {
		return {kind: 'error', message: parseArgsProblem(error as Error & {code?: string})};
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
	if (image === undefined) return {kind: 'error', message: `unknown --source ${values.source} (docker, podman or docker-archive)`};
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
		},
	};
}

/** dive's `--source` and `docker-archive://` spellings mapped onto our image argument. */
function withSource(image: string, source: string | undefined): string | undefined {
	const scheme = /^(docker-archive|docker-tar):\/\/(.*)$/.exec(image);
	if (scheme) return scheme[2]!;
	if (source === undefined || source === 'docker-archive' || /^[a-z]+:\/\//.test(image)) return image;
	if (source === 'docker' || source === 'podman') return `${source}://${image}`;
	return undefined;
}

/** node:util parseArgs's errors in our words (its own text quotes unevenly and suggests `--` for positionals). */
function parseArgsProblem(error: Error & {code?: string}): string {
	const option = /'(-[^']*)'/.exec(error.message)?.[1];
	if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option}`;
	const name = option ? (/--[\w-]+/.exec(option)?.[0] ?? option.split(/[ ,]/)[0]) : undefined;
	if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && name && /does not take/.test(error.message)) return `${name} takes no value`;
	if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return `${/--[\w-]+/.exec(option)?.[0] ?? option.split(/[ ,]/)[0]} needs a value`;
	return error.message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
}
