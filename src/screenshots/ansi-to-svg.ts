/** Turns a terminal capture with SGR colour codes (tmux `capture-pane -e`) into an SVG of the screen. */

type Cell = {char: string; fg: string; bg: string; bold: boolean; dim: boolean};

const palette = [
	'#1d1f21', '#cc6666', '#b5bd68', '#f0c674', '#81a2be', '#b294bb', '#8abeb7', '#c5c8c6',
	'#666666', '#d54e53', '#b9ca4a', '#e7c547', '#7aa6da', '#c397d8', '#70c0b1', '#eaeaea',
];
const defaultFg = '#d7dae0';
const defaultBg = '#16181d';

function color256(n: number): string {
	if (n < 16) return palette[n]!;
	if (n < 232) {
		const v = n - 16;
		const level = (x: number) => (x === 0 ? 0 : 55 + x * 40);
		const r = level(Math.floor(v / 36));
		const g = level(Math.floor(v / 6) % 6);
		const b = level(v % 6);
		return `#${[r, g, b].map(x => x.toString(16).padStart(2, '0')).join('')}`;
	}
	const grey = 8 + (n - 232) * 10;
	return `#${grey.toString(16).padStart(2, '0').repeat(3)}`;
}

type Pen = {fg: string | undefined; bg: string | undefined; bold: boolean; dim: boolean; inverse: boolean};

function applySgr(pen: Pen, params: number[]): Pen {
	const next = {...pen};
	for (let i = 0; i < params.length; i++) {
		const p = params[i]!;
		if (p === 0) Object.assign(next, {fg: undefined, bg: undefined, bold: false, dim: false, inverse: false});
		else if (p === 1) next.bold = true;
		else if (p === 2) next.dim = true;
		else if (p === 22) Object.assign(next, {bold: false, dim: false});
		else if (p === 7) next.inverse = true;
		else if (p === 27) next.inverse = false;
		else if (p >= 30 && p <= 37) next.fg = palette[p - 30];
		else if (p >= 90 && p <= 97) next.fg = palette[p - 90 + 8];
		else if (p === 39) next.fg = undefined;
		else if (p >= 40 && p <= 47) next.bg = palette[p - 40];
		else if (p >= 100 && p <= 107) next.bg = palette[p - 100 + 8];
		else if (p === 49) next.bg = undefined;
		else if ((p === 38 || p === 48) && params[i + 1] === 5) {
			const value = color256(params[i + 2] ?? 0);
			if (p === 38) next.fg = value;
			else next.bg = value;
			i += 2;
		} else if ((p === 38 || p === 48) && params[i + 1] === 2) {
			const value = `#${[params[i + 2], params[i + 3], params[i + 4]].map(x => (x ?? 0).toString(16).padStart(2, '0')).join('')}`;
			if (p === 38) next.fg = value;
			else next.bg = value;
			i += 4;
		}
	}
	return next;
}

/** Parses the capture into a grid of cells, `columns` wide and `rows` high. */
export function parseCapture(text: string, columns: number, rows: number): Cell[][] {
	const grid: Cell[][] = [];
	let pen: Pen = {fg: undefined, bg: undefined, bold: false, dim: false, inverse: false};
	for (const raw of text.split('\n').slice(0, rows)) {
		const line: Cell[] = [];
		for (let i = 0; i < raw.length; ) {
			if (raw[i] === '\u001B' && raw[i + 1] === '[') {
				const end = raw.slice(i + 2).search(/[A-Za-z]/);
				if (end < 0) break;
				const final = raw[i + 2 + end];
				if (final === 'm') pen = applySgr(pen, raw.slice(i + 2, i + 2 + end).split(';').map(Number));
				i += end + 3;
				continue;
			}
			const char = String.fromCodePoint(raw.codePointAt(i)!);
			i += char.length;
			const fg = pen.fg ?? defaultFg;
			const bg = pen.bg ?? defaultBg;
			line.push({char, fg: pen.inverse ? bg : fg, bg: pen.inverse ? fg : bg, bold: pen.bold, dim: pen.dim});
		}
		while (line.length < columns) line.push({char: ' ', fg: defaultFg, bg: defaultBg, bold: false, dim: false});
		grid.push(line.slice(0, columns));
	}
	while (grid.length < rows) grid.push(Array.from({length: columns}, () => ({char: ' ', fg: defaultFg, bg: defaultBg, bold: false, dim: false})));
	return grid;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The grid as SVG: background runs as rectangles, text runs pinned to the cell grid. */
export function captureToSvg(text: string, columns: number, rows: number, title = ''): string {
	const cellWidth = 9;
	const cellHeight = 19;
	const pad = 12;
	const bar = title ? 28 : 0;
	const width = columns * cellWidth + pad * 2;
	const height = rows * cellHeight + pad * 2 + bar;
	const grid = parseCapture(text, columns, rows);
	const parts: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
		`<rect width="100%" height="100%" rx="8" fill="${defaultBg}"/>`,
	];
	if (title) {
		parts.push(`<rect width="100%" height="${bar}" rx="8" fill="#2a2d35"/>`);
		for (const [i, fill] of ['#ff5f56', '#ffbd2e', '#27c93f'].entries()) parts.push(`<circle cx="${pad + 6 + i * 18}" cy="14" r="6" fill="${fill}"/>`);
		parts.push(`<text x="${width / 2}" y="19" text-anchor="middle" font-family="DejaVu Sans Mono, monospace" font-size="13" fill="#9aa0aa">${escapeXml(title)}</text>`);
	}
	const top = pad + bar;
	grid.forEach((line, y) => {
		let x = 0;
		while (x < line.length) {
			const bg = line[x]!.bg;
			let end = x;
			while (end < line.length && line[end]!.bg === bg) end++;
			if (bg !== defaultBg) parts.push(`<rect x="${pad + x * cellWidth}" y="${top + y * cellHeight}" width="${(end - x) * cellWidth}" height="${cellHeight}" fill="${bg}"/>`);
			x = end;
		}
		x = 0;
		while (x < line.length) {
			const {fg, bold, dim} = line[x]!;
			let end = x;
			while (end < line.length && line[end]!.fg === fg && line[end]!.bold === bold && line[end]!.dim === dim) end++;
			const run = line.slice(x, end).map(cell => cell.char).join('');
			if (run.trim() !== '') {
				const attrs = `${bold ? ' font-weight="bold"' : ''}${dim ? ' fill-opacity="0.6"' : ''}`;
				parts.push(
					`<text xml:space="preserve" font-family="DejaVu Sans Mono, monospace" font-size="15" x="${pad + x * cellWidth}" y="${top + y * cellHeight + 14}" fill="${fg}"${attrs} textLength="${(end - x) * cellWidth}" lengthAdjust="spacingAndGlyphs">${escapeXml(run)}</text>`,
				);
			}
			x = end;
		}
	});
	parts.push('</svg>');
	return `<?xml version="1.0" encoding="UTF-8"?>\n${parts.join('\n')}\n`;
}
