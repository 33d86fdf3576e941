/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: {readonly isTTY?: boolean}): boolean {
	const noColor = process.env['NO_COLOR'];
	if (noColor !== undefined && noColor !== '') return false;
	return stream.isTTY === true;
}
