import {formatComma, humanizeBytes} from '../../format/humanize-bytes.js';

/** dive's byte format (go-humanize `Bytes`): `6.4 kB`, `13 kB`. */
export const formatBytes = humanizeBytes;

/** `1234567` → `1,234,567`. */
export const formatCount = formatComma;
