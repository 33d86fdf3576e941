import {goJsonNumber, goJsonString} from '../format/go-json.js';

const indentUnit = '  ';

type Frame =
	| {readonly kind: 'array'; readonly items: Iterator<unknown>; pending: IteratorResult<unknown>; first: boolean; readonly indent: string}
	| {readonly kind: 'object'; readonly record: Record<string, unknown>; readonly keys: readonly string[]; next: number; readonly indent: string};

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
				stack.push({kind: 'array', items, pending, first: true, indent});
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
			write(item, inner);
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
