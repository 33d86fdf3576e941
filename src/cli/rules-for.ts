import type {Rule} from '../ci/rules.js';
import type {CliOptions} from './args.js';

/** A usage problem found before any image is read: the CLI prints `layerlens: <input>: <message>` and exits 2. */
export class UsageError extends Error {
	constructor(
		readonly input: string,
		message: string,
	) {
		super(message);
		this.name = 'UsageError';
	}
}

/** The CI rules from flags, the rules file and the defaults; misconfiguration fails before the image is loaded. */
export async function rulesFor(options: CliOptions): Promise<readonly Rule[]> {
	// Loaded only when rules are evaluated: the YAML parser alone costs ~0.3 s of start-up, which --json does not need.
	const [{readCiFile, CiFileError}, {resolveRules}] = await Promise.all([import('../ci/read-ci-file.js'), import('../ci/resolve-rules.js')]);
	let file;
	try {
		file = await readCiFile(options.ciConfig);
	} catch (error) {
		if (error instanceof CiFileError) throw new UsageError(error.path, error.message);
		throw error;
	}
	const resolved = resolveRules({
		flags: options.rules,
		...(file ? {fileText: file.text, filePath: file.path} : {}),
	});
	const [first] = resolved.errors;
	if (first) throw new UsageError(first.input, first.message);
	return resolved.rules;
}
