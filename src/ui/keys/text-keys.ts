/**
The keys of the explorer's text inputs (the filter and the extract prompt), as data: the router reads them before the
key table, and the status bar shows them while an input is open. Everything else a key types goes into the input.
*/

export type TextKeyId = 'accept' | 'cancel' | 'erase' | 'erase-word' | 'clear';

export type TextInput = 'filter' | 'extract';

export type TextKey = {
	readonly id: TextKeyId;
	readonly key: string;
	/** Status bar titles per input; absent = not shown there. */
	readonly title: Readonly<Partial<Record<TextInput, string>>>;
};

export const textKeys: readonly TextKey[] = [
	{id: 'accept', key: 'enter', title: {extract: 'Extract', filter: 'Keep'}},
	{id: 'cancel', key: 'esc', title: {extract: 'Cancel', filter: 'Drop filter'}},
	{id: 'clear', key: 'ctrl+u', title: {extract: 'Clear', filter: 'Clear text'}},
	{id: 'erase-word', key: 'ctrl+w', title: {extract: 'Delete word', filter: 'Delete word'}},
	{id: 'erase', key: 'backspace', title: {}},
];

export function textKeyOf(name: string | undefined): TextKeyId | undefined {
	return textKeys.find(entry => entry.key === name)?.id;
}

/** Ctrl+W in a path: the last name and the separators after it (`/tmp/out/dir` → `/tmp/out/` → `/tmp/`). */
export function eraseWord(text: string): string {
	return text.replace(/[^/\s]*[/\s]*$/, '');
}
