import {execFileSync} from 'node:child_process';

/** The Debian package each external checker comes from (`.ci/run` installs them). */
const packages: Readonly<Record<string, string>> = {'xmllint': 'libxml2-utils', 'cmark-gfm': 'cmark-gfm', 'jq': 'jq'};

/** Runs a real consumer (xmllint, cmark-gfm, jq) on `input`; its stdout. A missing tool says which package to install. */
export function runTool(command: string, args: readonly string[], input: string | Buffer): string {
	try {
		return execFileSync(command, args, {input, encoding: 'utf8'});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${command} is needed for this test (apt-get install ${packages[command] ?? command}; .ci/run does it)`, {cause: error});
		throw error;
	}
}
