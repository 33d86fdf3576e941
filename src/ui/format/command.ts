import {displayCommandLine} from '../../format/display-text.js';

// BuildKit records `RUN /bin/sh -c <cmd>` (with build args: `RUN |2 A=1 B=2 /bin/sh -c <cmd>`) and ends most entries with ` # buildkit`.
const buildkitShell = /^RUN (\|\d+ (?:\S+ )*?)?\/bin\/sh -c /;
const buildkitMark = / +# buildkit$/;

/**
How a layer's command reads in the layers pane: BuildKit's shell prefix becomes `RUN …` and its ` # buildkit` mark
goes, so the part that tells layers apart fits a narrow column; its own line breaks (a heredoc `RUN`) read as spaces,
as in the reports. Display only: the export and the layer details keep the recorded text.
*/
export function displayCommand(command: string): string {
	return displayCommandLine(command.replace(buildkitShell, 'RUN $1').replace(buildkitMark, ''));
}
