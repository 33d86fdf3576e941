// BuildKit's `RUN /bin/sh -c …` (and `RUN |2 A=1 /bin/sh -c …`), the classic `/bin/sh -c #(nop) ` and ` # buildkit`.
const shellPrefix = /^(?:RUN (?:\|\d+ (?:\S+ )*?)?\/bin\/sh -c |\/bin\/sh -c #\(nop\) +|\/bin\/sh -c )/;
const buildkitMark = / +# buildkit$/;

/** A layer's command as a hint quotes it: the Dockerfile line, cut to `max` characters. */
export function commandText(command: string, max = 60): string {
	const text = command.replace(shellPrefix, match => (match.startsWith('RUN') || match === '/bin/sh -c ' ? 'RUN ' : '')).replace(buildkitMark, '').trim();
	const chars = [...text];
	return chars.length <= max ? text || '(no command)' : `${chars.slice(0, max - 1).join('')}…`;
}

/** `layer 3 (RUN apk add curl)`. */
export function layerText(index: number, command: string): string {
	return `layer ${index} (${commandText(command)})`;
}
