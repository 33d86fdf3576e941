import {goJsonNumber, goJsonString} from '../format/go-json.js';

/** ASCII characters a Go JSON string holds as they are: printable, DEL, but not `"`, `\`, `<`, `>`, `&`. */
const plainAscii = new Uint8Array(128);
for (let code = 0x20; code < 0x80; code++) plainAscii[code] = 1;
for (const ch of '"\\<>&') plainAscii[ch.charCodeAt(0)] = 0;

/** The UTF-8 bytes of a text that is written often (keys with their indentation, separators). */
export function textBytes(text: string): Uint8Array {
	return Buffer.from(text, 'utf8');
}

/**
JSON text collected as UTF-8 in Buffers of about `capacity` bytes: the writer appends to the current buffer, and a
buffer that has no room left for the next piece moves to `ready`, where the caller takes it (`takeReady`) to send it.
A piece never spans two buffers, so each buffer is valid UTF-8 on its own. A new buffer is taken from `spare` when it
holds one (the consumer puts there the buffers it is done with: dead buffers waiting for a garbage collection grew
the export's peak RSS, since writing them makes little other garbage), else allocated.
*/
export class JsonBytes {
	private buffer: Buffer;
	private used = 0;
	private ready: Buffer[] = [];

	constructor(
		private readonly capacity = 1 << 20,
		private readonly spare: Buffer[] = [],
	) {
		this.buffer = this.newBuffer(capacity);
	}

	private newBuffer(bytes: number): Buffer {
		const spare = this.spare.pop();
		return spare !== undefined && spare.length >= bytes ? spare : Buffer.allocUnsafeSlow(Math.max(this.capacity, bytes)); // never a slice of the shared pool: it may be reused
	}

	/** Whether a full buffer waits to be taken. */
	get hasReady(): boolean {
		return this.ready.length > 0;
	}

	/** The full buffers, oldest first; they are no longer the writer's. */
	takeReady(): Buffer[] {
		const taken = this.ready;
		this.ready = [];
		return taken;
	}

	/** Everything written so far (the full buffers and the current one's bytes); the writer starts a new buffer. */
	takeAll(): Buffer[] {
		if (this.used > 0) this.moveOn(0);
		return this.takeReady();
	}

	/** Room for `bytes` more in the current buffer: if it lacks it, it becomes ready and a new one (large enough) starts. */
	private room(bytes: number): void {
		if (this.used + bytes > this.buffer.length) this.moveOn(bytes);
	}

	private moveOn(bytes: number): void {
		if (this.used > 0) this.ready.push(this.buffer.subarray(0, this.used));
		this.buffer = this.newBuffer(bytes);
		this.used = 0;
	}

	/** Bytes as they are (precomputed text: see `textBytes`). */
	bytes(bytes: Uint8Array): void {
		const length = bytes.length;
		this.room(length);
		const {buffer} = this;
		const at = this.used;
		// A loop: the pieces are short, and `buffer.set` costs more per call than it saves.
		for (let i = 0; i < length; i++) buffer[at + i] = bytes[i]!;
		this.used = at + length;
	}

	/** JSON text as it is (already escaped). */
	text(text: string): void {
		this.room(3 * text.length);
		this.used += this.buffer.write(text, this.used, 'utf8');
	}

	/**
	`s` as Go's encoding/json writes a string (see `goJsonString`). A string of plain ASCII is copied a character at a
	time (also its test); any other goes through `goJsonString`.
	*/
	string(s: string): void {
		this.room(s.length + 2);
		this.buffer[this.used] = 34;
		const at = this.plainCopy(s, this.used + 1);
		if (at === -1) this.text(goJsonString(s));
		else this.close(at);
	}

	/**
	`/` and `path` as one string (an absolute path from an entry's relative one), written as `string` would write it,
	without making that string: `/` is plain ASCII and escapes nothing around it.
	*/
	absolutePath(path: string): void {
		this.room(path.length + 3);
		this.buffer[this.used] = 34;
		this.buffer[this.used + 1] = 47;
		const at = this.plainCopy(path, this.used + 2);
		if (at === -1) this.text(goJsonString(`/${path}`));
		else this.close(at);
	}

	/** Copies `s` to the buffer from `at` if it is all plain ASCII (a character at a time, also its test): where it ends, else -1. */
	private plainCopy(s: string, at: number): number {
		const {buffer} = this;
		for (let i = 0; i < s.length; i++) {
			const code = s.charCodeAt(i);
			if (code >= 128 || plainAscii[code] === 0) return -1;
			buffer[at++] = code;
		}
		return at;
	}

	/** Ends a string copied up to `at` with its closing quote. */
	private close(at: number): void {
		this.buffer[at] = 34;
		this.used = at + 1;
	}

	/** `n` as Go's encoding/json writes a float64 (see `goJsonNumber`); small non-negative integers digit by digit. */
	number(n: number): void {
		if (!(n >= 0 && n <= 0x7fffffff && (n | 0) === n) || (n === 0 && 1 / n < 0)) {
			this.text(goJsonNumber(n));
			return;
		}
		let digits = 1;
		for (let rest = n; rest >= 10; rest = (rest / 10) | 0) digits++;
		this.room(digits);
		const {buffer} = this;
		let at = this.used + digits;
		this.used = at;
		let rest = n;
		do {
			buffer[--at] = 48 + (rest % 10);
			rest = (rest / 10) | 0;
		} while (rest > 0);
	}
}
