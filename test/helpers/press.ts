/** Key sequences a terminal sends, for ink-testing-library's stdin. */
export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
	tab: '\t',
	enter: '\r',
	escape: '\u001B',
	backspace: '\u007F',
	space: ' ',
	ctrlSpace: '\u0000',
	ctrl: (letter: string) => String.fromCharCode(letter.toLowerCase().charCodeAt(0) - 96),
} as const;

type Stdin = {write(data: string): void};

const turn = () => new Promise<void>(resolve => setImmediate(resolve));

/** Ink 6.8 needs two turns of the event loop after a write before the frame reflects it (a lone Esc one more). */
export async function settle(): Promise<void> {
	await new Promise<void>(resolve => setTimeout(resolve, 10));
	await turn();
	await turn();
}

/** Writes each input as its own keypress and waits for the frame after each. */
export async function press(stdin: Stdin, ...inputs: string[]): Promise<void> {
	for (const input of inputs) {
		stdin.write(input);
		await settle();
	}
}

/** Polls until the frame satisfies `predicate` (for effects that read from disk); throws with the last frame. */
export async function waitForFrame(lastFrame: () => string | undefined, predicate: (frame: string) => boolean, timeoutMs = 3000): Promise<string> {
	const start = Date.now();
	for (;;) {
		const frame = lastFrame() ?? '';
		if (predicate(frame)) return frame;
		if (Date.now() - start > timeoutMs) throw new Error(`frame never matched; last frame:\n${frame}`);
		await new Promise(resolve => setTimeout(resolve, 20));
	}
}

/** Polls until `predicate` holds (effects such as quitting or reading a file finish after a frame). */
export async function until(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
	const start = Date.now();
	while (!predicate()) {
		if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}
