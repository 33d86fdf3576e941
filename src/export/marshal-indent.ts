import {goJsonNumber, goJsonString} from '../format/go-json.js';

const indentUnit = '  ';

type Frame =
	| {readonly kind: 'array'; readonly items: Iterator<unknown>; pending: IteratorResult<unknown>; first: boolean; readonly indent: string; readonly plain: boolean}
	| {readonly kind: 'object'; readonly record: Record<string, unknown>; readonly keys: readonly string[]; next: number; readonly indent: string};

const plainItems = Symbol('plain records');

/**
Marks a list whose items are plain records: own data properties only (no getters: the caller promises it, since
they are read without looking for getters key by key), each value a string, number, boolean, null, undefined (left
out) or an array of strings. Each is written in one step (a million-entry layer has a million records in each of
two lists). An item with any other value is written the general way, with the same result.
*/
export function plainRecords<T>(items: Iterable<T>): Iterable<T> {
	return {[Symbol.iterator]: () => items[Symbol.iterator](), [plainItems]: true} as Iterable<T>;
}

function isPlainValue(value: unknown): boolean {
	const type = typeof value;
	if (type === 'string' || type === 'number' || type === 'boolean' || value === null || value === undefined) return true;
	return Array.isArray(value) && value.every(item => typeof item === 'string');
}

const keyTexts = new Map<string, string>();

/** `"key": ` as Go writes it; keys repeat in every record, so their text is made once. */
function keyText(key: string): string {
	let text = keyTexts.get(key);
	if (text === undefined) {
		text = `${goJsonString(key)}: `;
		if (keyTexts.size < 1024) keyTexts.set(key, text);
	}
	return text;
}

/** A plain record (see `plainRecords`) as MarshalIndent writes it at `indent`, or undefined if it is not one. */
function plainRecordText(value: unknown, indent: string): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
	const record = value as Record<string, unknown>;
	const inner = indent + indentUnit;
	let out = '';
	for (const key of Object.keys(record)) {
		const v = record[key];
		if (v === undefined) continue;
		if (!isPlainValue(v)) return undefined;
		out += `${out === '' ? '{\n' : ',\n'}${inner}${keyText(key)}`;
		if (typeof v === 'string') out += goJsonString(v);
		else if (typeof v === 'number') out += goJsonNumber(v);
		else if (typeof v === 'boolean') out += v ? 'true' : 'false';
		else if (v === null) out += 'null';
		else {
			const list = v as readonly string[];
			if (list.length === 0) out += '[]';
			else {
				const itemIndent = inner + indentUnit;
				out += '[';
				for (let i = 0; i < list.length; i++) out += `${i === 0 ? '\n' : ',\n'}${itemIndent}${goJsonString(list[i]!)}`;
				out += `\n${inner}]`;
			}
		}
	}
	return out === '' ? '{}' : `${out}\n${indent}}`;
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
numbers, booleans, null; `undefined` properties are left out), yielded in chunks of about `chunkSize` characters so
that a large document never exists as one string. Iterative: nesting depth does not grow the call stack.
*/
export function* marshalIndentChunks(value: unknown, chunkSize = 1 << 16): Generator<string, void, undefined> {
	let out = '';
	const stack: Frame[] = [];

	const write = (v: unknown, indent: string): void => {
		if (v === null) out += 'null';
		else if (typeof v === 'string') out += goJsonString(v);
		else if (typeof v === 'number') out += goJsonNumber(v);
		else if (typeof v === 'boolean') out += v ? 'true' : 'false';
		else if (Array.isArray(v) || isIterable(v)) {
			// Arrays and other iterables (generators of large lists) are written item by item.
			const items = (v as Iterable<unknown>)[Symbol.iterator]();
			const pending = items.next();
			if (pending.done) out += '[]';
			else {
				out += '[';
				stack.push({kind: 'array', items, pending, first: true, indent, plain: (v as {[plainItems]?: boolean})[plainItems] === true});
			}
		} else if (typeof v === 'object') {
			const record = v as Record<string, unknown>;
			const keys = definedKeys(record);
			if (keys.length === 0) out += '{}';
			else {
				out += '{';
				stack.push({kind: 'object', record, keys, next: 0, indent});
			}
		} else {
			throw new TypeError(`json: unsupported type: ${typeof v}`);
		}
	};

	write(value, '');
	while (stack.length > 0) {
		const frame = stack[stack.length - 1]!;
		const inner = frame.indent + indentUnit;
		if (frame.kind === 'array' && !frame.pending.done) {
			out += `${frame.first ? '\n' : ',\n'}${inner}`;
			frame.first = false;
			const item = frame.pending.value;
			frame.pending = frame.items.next();
			const text = frame.plain ? plainRecordText(item, inner) : undefined;
			if (text === undefined) write(item, inner);
			else out += text;
		} else if (frame.kind === 'object' && frame.next < frame.keys.length) {
			out += `${frame.next === 0 ? '\n' : ',\n'}${inner}`;
			const key = frame.keys[frame.next++]!;
			out += `${goJsonString(key)}: `;
			write(frame.record[key], inner);
		} else {
			stack.pop();
			out += `\n${frame.indent}${frame.kind === 'array' ? ']' : '}'}`;
		}
		if (out.length >= chunkSize) {
			yield out;
			out = '';
		}
	}
	if (out !== '') yield out;
}

/** The whole `MarshalIndent` text as one string (small documents, tests). */
export function marshalIndent(value: unknown): string {
	let text = '';
	for (const chunk of marshalIndentChunks(value)) text += chunk;
	return text;
}
