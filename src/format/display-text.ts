/**
Text from an image (names, link targets, history commands, tags, labels, registry messages) as a person should see it
in a terminal, a CI log, a Markdown summary or a page. Every character that a terminal or a log viewer would act on,
or that draws nothing and so makes one name look like another, becomes U+FFFD (`�`):
- C0 and C1 controls and DEL (ESC/CSI/OSC sequences, `\r` overwriting a line, backspace, NUL, newlines that would
  start a line of their own, such as a GitHub `::workflow-command::`);
- bidirectional formatting characters (U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069: Trojan-Source reordering);
- characters that take no room: zero-width space, joiners and non-joiners, word joiner and invisible operators,
  U+2028/U+2029, the BOM, the soft hyphen, Hangul fillers, interlinear annotations, musical format controls and the
  tag characters U+E0000-U+E007F (which can smuggle invisible ASCII);
- lone surrogates (bytes that were not UTF-8).
Every other character, non-ASCII letters included, stays as it is, so ordinary names are unchanged. The raw name stays
in the core and in the JSON export; only what is shown is changed.
*/
/** The code points `displayText` replaces, as inclusive ranges (lone surrogates are added below). */
const hiddenRanges: ReadonlyArray<readonly [number, number]> = [
	[0x0000, 0x001f],
	[0x007f, 0x009f],
	[0x00ad, 0x00ad],
	[0x034f, 0x034f],
	[0x061c, 0x061c],
	[0x115f, 0x1160],
	[0x17b4, 0x17b5],
	[0x180e, 0x180e],
	[0x200b, 0x200f],
	[0x2028, 0x202e],
	[0x2060, 0x206f],
	[0x3164, 0x3164],
	[0xfeff, 0xfeff],
	[0xffa0, 0xffa0],
	[0xfff9, 0xfffb],
	[0xfffe, 0xffff],
	[0x1d173, 0x1d17a],
	[0xe0000, 0xe007f],
];

const escape = (cp: number) => `\\u{${cp.toString(16)}}`;
/** The character class of `displayText` as a RegExp source (for the HTML page's script, which applies the same rule). */
export const hiddenCharacterSource = `[${hiddenRanges.map(([from, to]) => (from === to ? escape(from) : `${escape(from)}-${escape(to)}`)).join('')}\\ud800-\\udfff]`;

const hiddenAll = new RegExp(hiddenCharacterSource, 'gu');

/**
Per UTF-16 code unit: 0 shown, 1 hidden, 2 a surrogate (the pair decides). A table, not the RegExp: the explorer asks
for every segment of every frame, and a loop over this table is several times faster than a Unicode-mode class test.
*/
const unitKind = (() => {
	const table = new Uint8Array(0x10000);
	for (const [from, to] of hiddenRanges) if (from <= 0xffff) table.fill(1, from, to + 1);
	table.fill(2, 0xd800, 0xe000);
	return table;
})();

const astralRanges = hiddenRanges.filter(([from]) => from > 0xffff);

/** Whether `text` holds a character `displayText` replaces. */
export function hasHiddenCharacters(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const kind = unitKind[text.charCodeAt(i)]!;
		if (kind === 0) continue;
		if (kind === 1) return true;
		const high = text.charCodeAt(i);
		const low = text.charCodeAt(i + 1);
		if (high >= 0xdc00 || !(low >= 0xdc00 && low <= 0xdfff)) return true; // a lone surrogate
		const cp = ((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
		for (const [from, to] of astralRanges) if (cp >= from && cp <= to) return true;
		i++;
	}
	return false;
}

/** `text` with every control, bidi, invisible character and lone surrogate replaced by U+FFFD (see above). */
export function displayText(text: string): string {
	return hasHiddenCharacters(text) ? text.replace(hiddenAll, '\ufffd') : text;
}

/** A command's own line breaks (a heredoc `RUN`) with the blanks around them, and its tabs: each becomes one space. */
export const commandBreakSource = String.raw`[ \t]*[\r\n]+[ \t]*|\t`;
const commandBreaks = new RegExp(commandBreakSource, 'g');

/** A history command on one line: its own line breaks and tabs (a heredoc `RUN`) as one space each, then `displayText`. */
export function displayCommandLine(command: string): string {
	return displayText(command.replace(commandBreaks, ' '));
}
