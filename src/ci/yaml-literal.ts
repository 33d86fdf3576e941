import {isAlias, isMap, isScalar, isSeq, parseDocument, type Document} from 'yaml';

/** A YAML value with every scalar kept as its literal text (`0.20` stays `0.20`), as dive's yaml.v3 decoding keeps it. */
export type Literal = string | null | readonly Literal[] | LiteralMap;

export type LiteralMap = {readonly entries: ReadonlyArray<readonly [string, Literal]>};

export function isLiteralMap(value: Literal | undefined): value is LiteralMap {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function get(map: LiteralMap, key: string): Literal | undefined {
	return map.entries.find(([name]) => name === key)?.[1];
}

function toLiteral(doc: Document, input: unknown, depth = 0): Literal {
	const node = isAlias(input) ? input.resolve(doc) : input;
	if (depth > 64 || node === null || node === undefined) return null;
	if (isScalar(node)) {
		if (node.value === null && (node.type === 'PLAIN' || node.type === undefined)) return null;
		return node.source ?? String(node.value);
	}
	if (isSeq(node)) return node.items.map(item => toLiteral(doc, item, depth + 1));
	if (isMap(node)) {
		return {
			entries: node.items.map(pair => {
				const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
				return [key, toLiteral(doc, pair.value, depth + 1)] as const;
			}),
		};
	}
	return null;
}

/** Parses YAML text; throws an Error with the parser's first message. */
export function parseLiteral(text: string): Literal {
	const doc = parseDocument(text);
	const error = doc.errors[0];
	if (error) throw new Error(`invalid YAML: ${error.message.split('\n')[0] ?? ''}`);
	return toLiteral(doc, doc.contents);
}
