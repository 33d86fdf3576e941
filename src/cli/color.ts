import {colorEnabled} from '../format/color-enabled.js';

/** Colour only on a terminal, and never when NO_COLOR is set. */
export function colorFor(stream: {readonly isTTY?: boolean}, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
	return colorEnabled(env) && stream.isTTY === true;
}
