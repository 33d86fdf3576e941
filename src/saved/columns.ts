import {SavedFormatError} from './saved-format.js';

/**
The building blocks of a schema 2 saved analysis: numbers stored column by column in the smallest typed array that
holds them exactly, and strings stored once each in a table that columns refer to by index.
*/

/** How a number column is stored: unsigned 8/16/32-bit, signed 32-bit, or float64 (every safe integer exactly). */
export const columnKinds = ['u8', 'u16', 'u32', 'i32', 'f64'] as const;

export type ColumnKind = (typeof columnKinds)[number];

/** One stored section: its name, how its values are stored, how many values it holds. */
export type SectionInfo = readonly [name: string, kind: ColumnKind, count: number];

export type Section = {readonly name: string; readonly kind: ColumnKind; readonly values: ArrayLike<number>};

const bytesPer: Readonly<Record<ColumnKind, number>> = {u8: 1, u16: 2, u32: 4, i32: 4, f64: 8};

export type NumberArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;

/** The smallest kind that stores every value exactly. */
export function kindFor(values: ArrayLike<number>): ColumnKind {
	let min = 0;
	let max = 0;
	for (let i = 0; i < values.length; i++) {
		const value = values[i]!;
		if (!Number.isInteger(value)) return 'f64';
		if (value < min) min = value;
		if (value > max) max = value;
	}
	if (min < 0) return min >= -0x80000000 && max <= 0x7fffffff ? 'i32' : 'f64';
	return max <= 0xff ? 'u8' : max <= 0xffff ? 'u16' : max <= 0xffffffff ? 'u32' : 'f64';
}

export function numberSection(name: string, values: ArrayLike<number>): Section {
	return {name, kind: kindFor(values), values};
}

/** A section's bytes, little-endian (the typed arrays' order on every platform Node runs on). */
export function sectionBytes(section: Section): Uint8Array {
	const Type = arrayType(section.kind);
	const array = section.values instanceof Type ? section.values : Type.from(section.values);
	return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** Sections start at multiples of 8 bytes, so every typed array can view the data in place. */
export function align(offset: number): number {
	return Math.ceil(offset / 8) * 8;
}

export function sectionByteLength(info: SectionInfo): number {
	return bytesPer[info[1]] * info[2];
}

/** The values of a section read back from its bytes (copied when they are not aligned for the array type). */
export function sectionValues(kind: ColumnKind, bytes: Uint8Array): NumberArray {
	const Type = arrayType(kind);
	const size = bytesPer[kind];
	const aligned = bytes.byteOffset % size === 0 ? bytes : new Uint8Array(bytes);
	return new Type(aligned.buffer as ArrayBuffer, aligned.byteOffset, aligned.byteLength / size);
}

function arrayType(kind: ColumnKind) {
	switch (kind) {
		case 'u8':
			return Uint8Array;
		case 'u16':
			return Uint16Array;
		case 'u32':
			return Uint32Array;
		case 'i32':
			return Int32Array;
		case 'f64':
			return Float64Array;
	}
}

/**
Strings interned while encoding: each distinct string gets an index. A string starting with `/` is stored without it
and referred to as `2·index + 1` (relative and absolute forms of a path share one entry); others as `2·index`.
*/
export class StringTable {
	readonly strings: string[] = [];
	private readonly indexOf = new Map<string, number>();

	ref(value: string): number {
		const slash = value.charCodeAt(0) === 47;
		const key = slash ? value.slice(1) : value;
		let index = this.indexOf.get(key);
		if (index === undefined) {
			index = this.strings.length;
			this.strings.push(key);
			this.indexOf.set(key, index);
		}
		return index * 2 + (slash ? 1 : 0);
	}

	refs(values: readonly string[]): number[] {
		return values.map(value => this.ref(value));
	}
}

/**
The table's strings as one text, each written with a leading `/`, plus a column of their lengths without it (UTF-16
code units, so any string survives): both forms of a path are then slices of one text, never concatenations.
*/
export function encodeStrings(strings: readonly string[]): {readonly text: string; readonly lengths: number[]} {
	return {text: strings.length === 0 ? '' : `/${strings.join('/')}`, lengths: strings.map(value => value.length)};
}

/** The string table read back: each string is sliced from the text when first asked for, every reference checked. */
export class StringReader {
	private readonly relative: Array<string | undefined>;
	private readonly absolute: Array<string | undefined>;

	private constructor(
		private readonly text: string,
		private readonly starts: Float64Array,
	) {
		this.relative = new Array<string | undefined>(starts.length - 1);
		this.absolute = new Array<string | undefined>(starts.length - 1);
	}

	static decode(text: string, lengths: ArrayLike<number>): StringReader {
		const starts = new Float64Array(lengths.length + 1);
		let at = 0;
		for (let i = 0; i < lengths.length; i++) {
			if (text.charCodeAt(at) !== 47) throw new SavedFormatError('the string table does not match its lengths');
			starts[i] = at;
			at += lengths[i]! + 1;
		}
		starts[lengths.length] = at;
		if (at !== text.length) throw new SavedFormatError('the string table does not match its lengths');
		return new StringReader(text, starts);
	}

	/** How many references the table answers: every reference is below this. */
	get refLimit(): number {
		return this.relative.length * 2;
	}

	get(ref: number): string {
		const index = Math.floor(ref / 2);
		if (!(index < this.relative.length) || !Number.isInteger(ref) || ref < 0) throw new SavedFormatError('a string reference is out of range');
		const end = this.starts[index + 1]!;
		if (ref % 2 === 0) return (this.relative[index] ??= this.text.slice(this.starts[index]! + 1, end));
		return (this.absolute[index] ??= this.text.slice(this.starts[index]!, end));
	}
}
