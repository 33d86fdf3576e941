import {JsonBytes, textBytes} from './json-bytes.js';

const indentUnit = '  ';

type Frame =
	| {readonly kind: 'array'; readonly items: Iterator<unknown>; pending: IteratorResult<unknown>; first: boolean; readonly indent: string; readonly plain: boolean}
	| {readonly kind: 'object'; readonly record: Record<string, unknown>; readonly keys: readonly string[]; next: number; readonly indent: string}
	| {readonly kind: 'self'; readonly steps: Iterator<void>};

const plainItems = Symbol('plain records');
const writesItself = Symbol('writes itself');

/**
Writes a whole list (from `[` to `]`) as MarshalIndent would at `indent`, into `out`; yields whenever `out` has a
full buffer ready, so that the writer can send it before the list goes on.
*/
export type ListWriter = (out: JsonBytes, indent: string) => Generator<void, void, undefined>;

/**
Marks a list whose items are plain records: own data properties only (no getters: the caller promises it, since
they are read without looking for getters key by key), each value a string, number, boolean, null, undefined (left
out) or an array of strings. Each is written in one step (a million-entry layer has a million records in each of
two lists). An item with any other value is written the general way, with the same result.
*/
export function plainRecords<T>(items: Iterable<T>): Iterable<T> {
	return {[Symbol.iterator]: () => items[Symbol.iterator](), [plainItems]: true} as Iterable<T>;
}

const plainArrays = new WeakSet<object>();

/**
Marks an array as `plainRecords` does, leaving it as it is (still the same array: the document's shape does not
change); returns it.
*/
export function markPlainRecords<T extends readonly object[]>(items: T): T {
	plainArrays.add(items);
	return items;
}

/**
A list that `write` writes itself (straight from the data it is made of, with no record objects), when MarshalIndent
meets it; iterating it still gives its items, which `write` must write exactly as MarshalIndent writes them.
*/
export function selfWritten<T>(items: () => Iterable<T>, write: ListWriter): Iterable<T> {
	return {[Symbol.iterator]: () => items()[Symbol.iterator](), [writesItself]: write} as Iterable<T>;
}

function isPlainValue(value: unknown): boolean {
	const type = typeof value;
	if (type === 'string' || type === 'number' || type === 'boolean' || value === null || value === undefined) return true;
	return Array.isArray(value) && value.every(item => typeof item === 'string');
}

const keyTexts = new Map<string, Uint8Array>();

/** `"key": ` as Go writes it; keys repeat in every record, so their bytes are made once. */
function writeKey(out: JsonBytes, key: string): void {
	let bytes = keyTexts.get(key);
	if (bytes === undefined) {
		const text = new JsonBytes(64);
		text.string(key);
		text.text(': ');
		bytes = Buffer.concat(text.takeAll());
		if (keyTexts.size < 1024) keyTexts.set(key, bytes);
	}
	out.bytes(bytes);
}

const separators = new Map<string, {readonly first: Uint8Array; readonly next: Uint8Array}>();

/** `\n<indent>` and `,\n<indent>`, before the first and every other item or key at `indent`. */
function separatorsAt(indent: string): {readonly first: Uint8Array; readonly next: Uint8Array} {
	let pair = separators.get(indent);
	if (pair === undefined) {
		pair = {first: textBytes(`\n${indent}`), next: textBytes(`,\n${indent}`)};
		if (separators.size < 64) separators.set(indent, pair);
	}
	return pair;
}

/** Whether `value` is a plain record (see `plainRecords`). */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
	const record = value as Record<string, unknown>;
	for (const key in record) if (!isPlainValue(record[key])) return false;
	return true;
}

/** A plain record (see `plainRecords`) as MarshalIndent writes it at `indent`. */
function writePlainRecord(out: JsonBytes, record: Record<string, unknown>, indent: string): void {
	const inner = indent + indentUnit;
	const {first, next} = separatorsAt(inner);
	let written = 0;
	// for-in, as `isPlainRecord` reads it: a plain record's own keys in Object.keys order, with no array of them made.
	for (const key in record) {
		const v = record[key];
		if (v === undefined) continue;
		if (written++ === 0) out.text('{');
		out.bytes(written === 1 ? first : next);
		writeKey(out, key);
		if (typeof v === 'string') out.string(v);
		else if (typeof v === 'number') out.number(v);
		else if (typeof v === 'boolean') out.text(v ? 'true' : 'false');
		else if (v === null) out.text('null');
		else {
			const list = v as readonly string[];
			if (list.length === 0) out.text('[]');
			else {
				const items = separatorsAt(inner + indentUnit);
				out.text('[');
				for (let i = 0; i < list.length; i++) {
					out.bytes(i === 0 ? items.first : items.next);
					out.string(list[i]!);
				}
				out.bytes(first);
				out.text(']');
			}
		}
	}
	if (written === 0) out.text('{}');
	else {
		out.bytes(separatorsAt(indent).first);
		out.text('}');
	}
}

function isIterable(value: unknown): value is Iterable<unknown> {
	return typeof value === 'object' && value !== null && typeof (value as {[Symbol.iterator]?: unknown})[Symbol.iterator] === 'function';
}

/** Keys to write; a getter counts as present and is only called when its value is written (lazy, large lists). */
function definedKeys(record: Record<string, unknown>): string[] {
	return Object.keys(record).filter(key => Object.getOwnPropertyDescriptor(record, key)?.get !== undefined || record[key] !== undefined);
}

/**
Go's `json.MarshalIndent(v, "", "  ")` for plain data (objects in key insertion order, arrays, strings, finite
numbers, booleans, null; `undefined` properties are left out), as UTF-8 in Buffers of about `bufferSize` bytes, so
that a large document never exists whole. Iterative: nesting depth does not grow the call stack. With `end`, that
text follows the document. The consumer may put a buffer it is done with into `spare` (see `JsonBytes`).
*/
export function* marshalIndentBuffers(value: unknown, bufferSize = 1 << 20, end = '', spare: Buffer[] = []): Generator<Buffer, void, undefined> {
	const out = new JsonBytes(bufferSize, spare);
	for (const _ of steps(out, value, '')) yield* out.takeReady();
	if (end !== '') out.text(end);
	yield* out.takeAll();
}

/** `value` as MarshalIndent writes it at `indent` (a record of a self-written list that is not the usual shape). */
export function writeValueAt(out: JsonBytes, value: unknown, indent: string): void {
	for (const _ of steps(out, value, indent));
}

/** Writes `value` at `indent` into `out`, pausing whenever `out` has a full buffer ready. */
function* steps(out: JsonBytes, value: unknown, indent: string): Generator<void, void, undefined> {
	const stack: Frame[] = [];

	const write = (v: unknown, indent: string): void => {
		if (v === null) out.text('null');
		else if (typeof v === 'string') out.string(v);
		else if (typeof v === 'number') out.number(v);
		else if (typeof v === 'boolean') out.text(v ? 'true' : 'false');
		else if (typeof v === 'object' && typeof (v as {[writesItself]?: unknown})[writesItself] === 'function') {
			stack.push({kind: 'self', steps: (v as {[writesItself]: ListWriter})[writesItself](out, indent)});
		} else if (Array.isArray(v) || isIterable(v)) {
			// Arrays and other iterables (generators of large lists) are written item by item.
			const items = (v as Iterable<unknown>)[Symbol.iterator]();
			const pending = items.next();
			if (pending.done) out.text('[]');
			else {
				out.text('[');
				stack.push({kind: 'array', items, pending, first: true, indent, plain: (v as {[plainItems]?: boolean})[plainItems] === true || plainArrays.has(v)});
			}
		} else if (typeof v === 'object') {
			const record = v as Record<string, unknown>;
			const keys = definedKeys(record);
			if (keys.length === 0) out.text('{}');
			else {
				out.text('{');
				stack.push({kind: 'object', record, keys, next: 0, indent});
			}
		} else {
			throw new TypeError(`json: unsupported type: ${typeof v}`);
		}
	};

	write(value, indent);
	while (stack.length > 0) {
		const frame = stack[stack.length - 1]!;
		if (frame.kind === 'self') {
			if (frame.steps.next().done) stack.pop();
		} else {
			const inner = frame.indent + indentUnit;
			if (frame.kind === 'array' && !frame.pending.done) {
				const {first, next} = separatorsAt(inner);
				out.bytes(frame.first ? first : next);
				frame.first = false;
				const item = frame.pending.value;
				frame.pending = frame.items.next();
				if (frame.plain && isPlainRecord(item)) writePlainRecord(out, item, inner);
				else write(item, inner);
			} else if (frame.kind === 'object' && frame.next < frame.keys.length) {
				const {first, next} = separatorsAt(inner);
				out.bytes(frame.next === 0 ? first : next);
				const key = frame.keys[frame.next++]!;
				writeKey(out, key);
				write(frame.record[key], inner);
			} else {
				stack.pop();
				out.bytes(separatorsAt(frame.indent).first);
				out.text(frame.kind === 'array' ? ']' : '}');
			}
		}
		if (out.hasReady) yield;
	}
}

/** The same text as strings of about `chunkSize` characters (each a whole number of characters). */
export function* marshalIndentChunks(value: unknown, chunkSize = 1 << 16): Generator<string, void, undefined> {
	for (const buffer of marshalIndentBuffers(value, chunkSize)) yield buffer.toString('utf8');
}

/** The whole `MarshalIndent` text as one string (small documents, tests). */
export function marshalIndent(value: unknown): string {
	let text = '';
	for (const chunk of marshalIndentChunks(value)) text += chunk;
	return text;
}
