import {endOfList, type Cursor} from './cursor.js';
import {type JsonBytes, textBytes} from './json-bytes.js';
import type {ListWriter} from './marshal-indent.js';

/** The text around the records of a list at one indentation, as bytes: what every record writer needs. */
export type ListPieces = {
	/** `[`, the first item's indentation and the record up to the path's value. */
	readonly first: Uint8Array;
	/** The same after a record: `,` instead of `[`. */
	readonly next: Uint8Array;
	/** `[` or `,` and the indentation alone. */
	readonly firstBare: Uint8Array;
	readonly nextBare: Uint8Array;
	/** The list's end. */
	readonly close: Uint8Array;
};

/** The list pieces at `indent`, and the indentation texts a record writer builds its own pieces from. */
export function listPieces(indent: string): ListPieces & {readonly item: string; readonly field: string; readonly start: string} {
	const item = `${indent}  `;
	const start = `{\n${item}  "path": `;
	return {
		item,
		field: `,\n${item}  `,
		start,
		first: textBytes(`[\n${item}${start}`),
		next: textBytes(`,\n${item}${start}`),
		firstBare: textBytes(`[\n${item}`),
		nextBare: textBytes(`,\n${item}`),
		close: textBytes(`\n${indent}]`),
	};
}

/** `make` for each indentation, made once (a document has a few). */
export function byIndent<P>(make: (indent: string) => P): (indent: string) => P {
	const made = new Map<string, P>();
	return indent => {
		let pieces = made.get(indent);
		if (pieces === undefined) {
			pieces = make(indent);
			if (made.size < 16) made.set(indent, pieces);
		}
		return pieces;
	};
}

/** How one kind of record is written: `write` for the usual shape, after the pieces up to the path's value. */
export type RecordKind<T, P extends ListPieces> = {
	readonly pieces: (indent: string) => P;
	readonly isUsual: (item: T) => boolean;
	readonly write: (out: JsonBytes, item: T, pieces: P) => void;
	/** Any other item, written whole at `itemIndent` (the general writer's way), after `[` or `,` and the indentation. */
	readonly writeOther: (out: JsonBytes, item: T, pieces: P, itemIndent: string) => void;
};

const emptyList = textBytes('[]');

/**
A list that writes itself record by record (MarshalIndent's text), yielding whenever a buffer is full. `items` is
asked for its records when the list is written, not before.
*/
export function recordListWriter<T, P extends ListPieces>(items: () => Cursor<T>, kind: RecordKind<T, P>): ListWriter {
	return function* (out: JsonBytes, indent: string) {
		const pieces = kind.pieces(indent);
		const cursor = items();
		let first = true;
		for (let item = cursor.take(); item !== endOfList; item = cursor.take()) {
			if (kind.isUsual(item)) {
				out.bytes(first ? pieces.first : pieces.next);
				kind.write(out, item, pieces);
			} else {
				out.bytes(first ? pieces.firstBare : pieces.nextBare);
				kind.writeOther(out, item, pieces, `${indent}  `);
			}
			first = false;
			if (out.hasReady) yield;
		}
		out.bytes(first ? emptyList : pieces.close);
	};
}
