import {InputError} from './errors.js';
import {asRecord} from './manifest.js';

export type LayerHistory = {readonly createdBy: string; readonly created: string; readonly diffId: string};

/**
Maps the image config's history to layers as dive does: `empty_layer` entries are skipped and the others taken in
order. Unlike dive, counts that disagree are an error (dive panics or silently shows `(missing)`); an image with no
history at all is fine and shows `(missing)`.
*/
export function layerHistory(config: unknown, layerCount: number): {layers: LayerHistory[]; platform: string} {
	const record = asRecord(config, 'image config');
	const rootfs = asRecord(record['rootfs'] ?? {}, 'image config rootfs');
	const diffIds = Array.isArray(rootfs['diff_ids']) ? rootfs['diff_ids'].map(String) : [];
	if (diffIds.length !== layerCount) {
		throw new InputError(`image config lists ${diffIds.length} diff_ids but the manifest has ${layerCount} layers`);
	}
	const history = Array.isArray(record['history']) ? record['history'] : [];
	const nonEmpty = history
		.map((item, position) => asRecord(item, `image config history entry ${position}`))
		.filter(item => item['empty_layer'] !== true);
	if (history.length > 0 && nonEmpty.length !== layerCount) {
		throw new InputError(
			`image config history describes ${nonEmpty.length} layers but the manifest has ${layerCount}`,
		);
	}
	const layers = diffIds.map((diffId, index) => {
		const item = nonEmpty[index];
		return {
			createdBy: typeof item?.['created_by'] === 'string' ? item['created_by'] : item ? '' : '(missing)',
			created: typeof item?.['created'] === 'string' ? item['created'] : '',
			diffId,
		};
	});
	const platform = [record['os'], record['architecture'], record['variant']]
		.filter(part => typeof part === 'string' && part)
		.join('/');
	return {layers, platform};
}

/** dive shows `created_by` without the shell prefix. */
export function commandOf(createdBy: string): string {
	return createdBy.startsWith('/bin/sh -c ') ? createdBy.slice('/bin/sh -c '.length) : createdBy;
}
