/**
The command-line flag of each of the gate's own threshold rules, by rule id, in report order (dive's three rules keep
their camelCase flags, in args.ts). A table apart from rule-kinds.ts, which takes each kind's `flag` from here: parsing
the command line then needs no rule (picomatch, byte and float parsers), and `--json` or `--version` never loads them.
*/
export const thresholdFlags = {
	maxImageSize: 'max-image-size',
	maxUserSize: 'max-user-size',
	maxLayerSize: 'max-layer-size',
	maxLayers: 'max-layers',
	maxReclaimableBytes: 'max-reclaimable',
	maxCompressedSize: 'max-compressed-size',
	maxGrowth: 'max-growth',
	maxLayerGrowth: 'max-layer-growth',
	maxWastedGrowth: 'max-wasted-growth',
	maxNewFiles: 'max-new-files',
} as const;
