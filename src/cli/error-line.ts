import {displayText} from '../format/display-text.js';

/**
`layerlens: <input>: <problem>` and a newline. Both parts may quote the archive or the registry (a tag, a name, an
error body) or a file name: each goes through `displayText`, so the line stays one line and no escape sequence reaches
the terminal.
*/
export function errorLine(input: string, problem: string): string {
	return `layerlens: ${displayText(input)}: ${displayText(problem)}\n`;
}
