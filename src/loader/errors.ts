/**
A problem with what the user gave us: the CLI prints `layerlens: <input>: <message>` and exits 2. `input` names what
the message is about when that is not the image (a config file, say).
*/
export class InputError extends Error {
	override readonly name = 'InputError';
	constructor(
		message: string,
		readonly input?: string,
	) {
		super(message);
	}
}

/** A way to pick one image of an archive that holds several: what `--image` and `--platform` would say. */
export type ImageChoice = {readonly label: string; readonly image?: string; readonly platform?: string};

/** The archive holds several images and none was picked: the message lists them, `choices` lets a UI offer them. */
export class ChoiceError extends InputError {
	constructor(
		message: string,
		readonly choices: readonly ImageChoice[],
	) {
		super(message);
	}
}

/** Turns what a decoder or parser threw into a short description of the problem. */
export function describeProblem(error: unknown): string {
	if (error instanceof InputError) return error.message;
	const message = error instanceof Error ? error.message : String(error);
	const code = (error as {code?: string} | undefined)?.code;
	if (message.startsWith('Invalid tar header')) return 'not a valid tar archive (bad header checksum)';
	if (
		message === 'Unexpected end of data' ||
		message === 'unexpected end of file' ||
		message === 'Stream was destroyed' ||
		code === 'Z_BUF_ERROR' ||
		code === 'ERR_STREAM_PREMATURE_CLOSE'
	) {
		return 'truncated (unexpected end of data)';
	}
	if (code?.startsWith('Z_')) return `corrupt gzip data (${message})`;
	return message;
}
