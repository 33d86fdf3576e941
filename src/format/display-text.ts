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
const hiddenSource =
	'[\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\u3164\\ufeff\\uffa0\\ufff9-\\ufffb\\ufffe\\uffff\\u{1d173}-\\u{1d17a}\\u{e0000}-\\u{e007f}\\ud800-\\udfff]';

// The class lists ZWJ and the combining grapheme joiner as single code points to replace, on purpose.
// eslint-disable-next-line no-misleading-character-class
const hiddenTest = new RegExp(hiddenSource, 'u');
// eslint-disable-next-line no-misleading-character-class
const hiddenAll = new RegExp(hiddenSource, 'gu');

/** The character class of `displayText` as a RegExp source (for the HTML page's script, which applies the same rule). */
export const hiddenCharacterSource = hiddenSource;

/** Whether `text` holds a character `displayText` replaces. */
export function hasHiddenCharacters(text: string): boolean {
	return hiddenTest.test(text);
}

/** `text` with every control, bidi, invisible character and lone surrogate replaced by U+FFFD (see above). */
export function displayText(text: string): string {
	return hiddenTest.test(text) ? text.replace(hiddenAll, '\ufffd') : text;
}

/** A history command on one line: its own line breaks and tabs (a heredoc `RUN`) as one space each, then `displayText`. */
export function displayCommandLine(command: string): string {
	return displayText(command.replace(/[ \t]*[\r\n]+[ \t]*|\t/g, ' '));
}
