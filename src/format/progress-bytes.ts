import prettyBytes from 'pretty-bytes';

/**
Bytes in the loading progress, the same on the stderr progress line and in the explorer's loading view: pretty-bytes
(`2.05 kB`). The explorer's panes and the CI report keep dive's go-humanize format (`humanize-bytes.ts`), so a size
that appears in several panes reads the same everywhere there.
*/
export const progressBytes = (bytes: number): string => prettyBytes(bytes);
