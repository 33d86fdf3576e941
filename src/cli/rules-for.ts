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
