/** The few SGR styles the CI report uses; identity functions when colour is off. */
export type Styles = {
	readonly bold: (text: string) => string;
	readonly faint: (text: string) => string;
	readonly pass: (text: string) => string;
	readonly fail: (text: string) => string;
	readonly warn: (text: string) => string;
};

const plain = (text: string): string => text;

function sgr(code: string): (text: string) => string {
	return text => `\u001b[${code}m${text}\u001b[0m`;
}

export function styles(color: boolean): Styles {
	if (!color) return {bold: plain, faint: plain, pass: plain, fail: plain, warn: plain};
	return {bold: sgr('1'), faint: sgr('2'), pass: sgr('32'), fail: sgr('1;31'), warn: sgr('33')};
}
