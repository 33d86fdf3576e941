import {parseArgs} from 'node:util';
import {parseReportTargets, sizeFlagNames, sizeFlags, type ReportTarget} from './gate-args.js';

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
	/** The gate's threshold flags by rule kind id (`--max-image-size 500MB` → `maxImageSize`). */
	readonly gateFlags: Readonly<Record<string, string>>;
	/** `--report FORMAT[=PATH]`, in order; empty means the default (text, plus github under GitHub Actions). */
	readonly reports: readonly ReportTarget[];
	/** `--save PATH`: write the saved analysis there. */
	readonly save?: string;
	/** `--compare OLD`: open the explorer marked against another image or saved analysis. */
	readonly compare?: string;
	/** `--baseline PATH`: with --ci, the image or saved analysis the growth rules measure against. */
	readonly baseline?: string;
	/** `--html PATH`: write the self-contained HTML report there. */
	readonly html: string | undefined;
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
				save: {type: 'string'},
				compare: {type: 'string'},
				baseline: {type: 'string'},
				help: {type: 'boolean', short: 'h'},
				version: {type: 'boolean', short: 'v'},
				report: {type: 'string', multiple: true},
				...Object.fromEntries(sizeFlagNames.map(flag => [flag, {type: 'string'} as const])),
				html: {type: 'string'},
				insecure: {type: 'boolean'},
				pull: {type: 'boolean'},
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
	for (const name of ['image', 'platform', 'json', 'ci-config', 'save', 'compare', 'baseline', 'html'] as const) {
		if (values[name] === '') return {kind: 'error', message: `--${name} needs a value`};
	}
	if (values.html === '-') return {kind: 'error', message: '--html needs a file path (the page is one file to open or attach)'};
	const image = withSource(positionals[0]!, values.source);
	if (image === undefined) return {kind: 'error', message: `unknown --source ${values.source} (docker, podman, registry or docker-archive)`};
	const ciEnv = env['CI'] === 'true' || env['CI'] === '1' || env['CI'] === 'yes';
	const reports = parseReportTargets(values.report ?? [], values.json);
	if (typeof reports === 'string') return {kind: 'error', message: reports};
	const gateFlags = sizeFlags(values as Record<string, unknown>);
	if (typeof gateFlags === 'string') return {kind: 'error', message: gateFlags};
	return {
		kind: 'run',
		options: {
			image,
			json: values.json,
			ci: values.ci === true || ciEnv || reports.length > 0,
			ciFlag: values.ci === true || reports.length > 0,
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
			gateFlags,
			reports,
			...(values.save === undefined ? {} : {save: values.save}),
			...(values.compare === undefined ? {} : {compare: values.compare}),
			...(values.baseline === undefined ? {} : {baseline: values.baseline}),
			html: values.html,
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

/** node:util parseArgs's errors in our words (its own text quotes unevenly and suggests `--` for positionals). */
function parseArgsProblem(error: Error & {code?: string}): string {
	const option = /'(-[^']*)'/.exec(error.message)?.[1];
	if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option}`;
	const name = option ? (/--[\w-]+/.exec(option)?.[0] ?? option.split(/[ ,]/)[0]) : undefined;
	if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && name && /does not take/.test(error.message)) return `${name} takes no value`;
	if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return `${/--[\w-]+/.exec(option)?.[0] ?? option.split(/[ ,]/)[0]} needs a value`;
	return error.message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
}
