import {parseArgs} from 'node:util';

export type DiffOptions = {
	readonly old: string;
	readonly new: string;
	readonly json: string | undefined;
	readonly exitCode: boolean;
	readonly depth: number;
	readonly select: {readonly image?: string; readonly platform?: string};
	/** The old side's image when it differs from `select.image` (`--old-image`). */
	readonly oldSelect: {readonly image?: string; readonly platform?: string};
	readonly quiet: boolean;
};

export type ParsedDiffArgs =
	| {readonly kind: 'run'; readonly options: DiffOptions}
	| {readonly kind: 'help'}
	| {readonly kind: 'error'; readonly message: string};

export const diffHelpText = `Usage
  layerlens diff [options] <old> <new>

Each side is an image (archive, OCI layout dir, -, docker://, podman://) or a saved analysis (--save).
Prints the summary (sizes, layers shared/added/removed, efficiency and waste deltas), every added, removed and
changed path with what changed, and the directories that grew most.

Options
  -j, --json <path|->    write the comparison as JSON (schema in the README) instead of the text
  --exit-code            exit 1 when the images differ (like git diff --exit-code), else 0
  --depth <n>            aggregate growth to directories n levels deep (default 3)
  --image <name:tag>     pick an image in multi-image archives (both sides)
  --old-image, --new-image <name:tag>   pick the image of one side only (both may be the same archive)
  --platform <os/arch>   pick a platform in multi-platform indexes (both sides)
  -q, --quiet            no progress lines
  -h, --help             this text

Exit codes: 0 done (or no difference with --exit-code), 1 the images differ (--exit-code), 2 errors.
`;

/** Reads `layerlens diff` arguments (argv after `diff`). Pure. */
export function parseDiffArgs(argv: readonly string[]): ParsedDiffArgs {
	let parsed;
	try {
		parsed = parseArgs({
			args: [...argv],
			allowPositionals: true,
			strict: true,
			options: {
				json: {type: 'string', short: 'j'},
				'exit-code': {type: 'boolean'},
				depth: {type: 'string'},
				image: {type: 'string'},
				platform: {type: 'string'},
				'old-image': {type: 'string'},
				'new-image': {type: 'string'},
				quiet: {type: 'boolean', short: 'q'},
				help: {type: 'boolean', short: 'h'},
			},
		});
	} catch (error) {
		return {kind: 'error', message: (error as Error).message.split('\n')[0]!};
	}
	const {values, positionals} = parsed;
	if (values.help) return {kind: 'help'};
	if (positionals.length !== 2) return {kind: 'error', message: 'diff needs two images: layerlens diff <old> <new>'};
	if (positionals[0] === '-' && positionals[1] === '-') return {kind: 'error', message: 'only one side can be read from stdin'};
	const depthText = values.depth ?? '3';
	if (!/^\d+$/.test(depthText) || Number(depthText) < 1 || Number(depthText) > 64) {
		return {kind: 'error', message: `--depth takes a whole number from 1 to 64, not ${JSON.stringify(depthText)}`};
	}
	if (values.json === '') return {kind: 'error', message: '--json needs a value'};
	return {
		kind: 'run',
		options: {
			old: positionals[0]!,
			new: positionals[1]!,
			json: values.json,
			exitCode: values['exit-code'] === true,
			depth: Number(depthText),
			select: side(values['new-image'] ?? values.image, values.platform),
			oldSelect: side(values['old-image'] ?? values.image, values.platform),
			quiet: values.quiet === true,
		},
	};
}

function side(image: string | undefined, platform: string | undefined) {
	return {...(image === undefined ? {} : {image}), ...(platform === undefined ? {} : {platform})};
}
