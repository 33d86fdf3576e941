/** Colour names Ink understands; the theme maps meanings to them. */
export type ColorName = 'green' | 'red' | 'yellow' | 'magenta' | 'cyan' | 'blue' | 'gray';

export type Style = {
	readonly color?: ColorName;
	readonly backgroundColor?: ColorName;
	readonly bold?: boolean;
	readonly inverse?: boolean;
	readonly dim?: boolean;
};

export type Segment = {readonly text: string; readonly style?: Style};

/** One screen line as styled segments; panes draw lines, view-models build them. */
export type Line = readonly Segment[];

// C0 and C1 controls and DEL: names and file content from an archive must never reach the terminal as escapes.
const controls = /[\u0000-\u001f\u007f-\u009f]/g;

/** Makes archive text safe to draw: control characters become `�`, tabs become spaces. */
export function printable(text: string): string {
	if (!/[\u0000-\u001f\u007f-\u009f]/.test(text)) return text;
	return text.replace(/\t/g, '    ').replace(controls, '\ufffd');
}

/** A segment; its text is always made printable. */
export const seg = (text: string, style?: Style): Segment => {
	const safe = printable(text);
	return style ? {text: safe, style} : {text: safe};
};

export function lineText(line: Line): string {
	return line.map(segment => segment.text).join('');
}

/** Cuts a string to `width` columns (by code points; the tree holds no wide characters we draw ourselves). */
export function fit(text: string, width: number): string {
	if (width <= 0) return '';
	const chars = [...text];
	if (chars.length <= width) return text;
	return width === 1 ? '…' : `${chars.slice(0, width - 1).join('')}…`;
}

export function pad(text: string, width: number): string {
	const length = [...text].length;
	return length >= width ? fit(text, width) : text + ' '.repeat(width - length);
}

/** Word-wraps plain text to `width` columns, breaking words longer than a line. */
export function wrap(text: string, width: number): string[] {
	const limit = Math.max(1, width);
	const out: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		for (const word of paragraph.split(/ +/)) {
			let chars = [...word];
			while (chars.length > limit) {
				if (line !== '') out.push(line);
				line = '';
				out.push(chars.slice(0, limit).join(''));
				chars = chars.slice(limit);
			}
			const rest = chars.join('');
			if (line === '') line = rest;
			else if ([...line].length + 1 + chars.length <= limit) line += ` ${rest}`;
			else {
				out.push(line);
				line = rest;
			}
		}
		out.push(line);
	}
	return out;
}
